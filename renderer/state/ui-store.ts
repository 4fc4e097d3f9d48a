import { create } from 'zustand';
import type { Thread } from '../../shared/models';

export type ThreadTab = 'terminal' | 'diff';
/** What the main area shows: the selected thread, the project's merge queue, or its plans. */
export type MainView = 'thread' | 'merge-queue' | 'plans';

/**
 * Which dialog is open. Merge and remove keep a snapshot of their thread, because a removed thread
 * leaves the threads store while its dialog still has to show the outcome.
 */
export type OpenDialog =
  | { kind: 'new-thread' }
  | { kind: 'merge'; thread: Thread }
  | { kind: 'remove'; thread: Thread }
  | { kind: 'project-setup'; projectId: string }
  | null;

/** The keyboard layer's own overlays: the command palette and the shortcuts list. */
export type Overlay = 'palette' | 'shortcuts' | null;

export interface UiState {
  tab: ThreadTab;
  overlay: Overlay;
  /**
   * The dispatcher is walking the sidebar with ↑/↓: a thread shown that way leaves the keyboard
   * where it is instead of handing it to its terminal.
   */
  sidebarHasKeyboard: boolean;
  mainView: MainView;
  dialog: OpenDialog;
  /** Bumped to ask the terminal to take keyboard focus (e.g. after a dialog closes). */
  terminalFocusRequest: number;
  setTab(tab: ThreadTab): void;
  setMainView(view: MainView): void;
  openDialog(dialog: Exclude<OpenDialog, null>): void;
  closeDialog(): void;
  focusTerminal(): void;
  setOverlay(overlay: Overlay): void;
  setSidebarHasKeyboard(value: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  tab: 'terminal',
  overlay: null,
  sidebarHasKeyboard: false,
  mainView: 'thread',
  dialog: null,
  terminalFocusRequest: 0,
  setTab: (tab) => set({ tab }),
  setMainView: (mainView) => set({ mainView }),
  openDialog: (dialog) => set({ dialog }),
  // Typing into the agent's terminal is the usual next step after any dialog.
  closeDialog: () => set((state) => ({ dialog: null, terminalFocusRequest: state.terminalFocusRequest + 1 })),
  focusTerminal: () => set((state) => ({ terminalFocusRequest: state.terminalFocusRequest + 1 })),
  setOverlay: (overlay) => set({ overlay }),
  setSidebarHasKeyboard: (sidebarHasKeyboard) => set({ sidebarHasKeyboard }),
}));
