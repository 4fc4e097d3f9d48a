import { create } from 'zustand';

export type NoticeTone = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  tone: NoticeTone;
  title: string;
  message?: string;
  /** Extra lines (file names, refs), rendered as text. */
  lines?: string[];
  /**
   * What the notice is about (e.g. `threads.resume:<id>`): a new notice for the same action replaces
   * it, and `settleNotices` clears it once that action succeeds, so a stale error does not linger.
   */
  action?: string;
}

export interface NoticesState {
  notices: Notice[];
  push(notice: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
  /** Dismisses the notices of `action` (it has just succeeded). */
  settle(action: string): void;
}

/** Errors stay until dismissed; good news fades so it does not pile up. */
const autoDismissMs: Record<NoticeTone, number | null> = { info: 6000, success: 8000, error: null };
const maxNotices = 5;

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notices: [],
  push(notice) {
    const id = nextId++;
    set((state) => ({
      notices: [
        ...state.notices.filter((n) => notice.action === undefined || n.action !== notice.action),
        { ...notice, id },
      ].slice(-maxNotices),
    }));
    const delay = autoDismissMs[notice.tone];
    if (delay !== null) setTimeout(() => get().dismiss(id), delay);
    return id;
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((n) => n.id !== id) }));
  },
  settle(action) {
    set((state) =>
      state.notices.some((n) => n.action === action)
        ? { notices: state.notices.filter((n) => n.action !== action) }
        : state,
    );
  },
}));

export function notify(notice: Omit<Notice, 'id'>): number {
  return useNoticesStore.getState().push(notice);
}

/** The action has succeeded: its error notices (if any) are no longer true. */
export function settleNotices(action: string): void {
  useNoticesStore.getState().settle(action);
}
