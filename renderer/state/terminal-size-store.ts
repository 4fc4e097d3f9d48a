import { create } from 'zustand';

/** The live terminal's size, so a new thread's agent starts at the size it will be shown at. */
export interface TerminalSizeState {
  size: { cols: number; rows: number } | null;
  setSize(cols: number, rows: number): void;
}

export const useTerminalSizeStore = create<TerminalSizeState>()((set) => ({
  size: null,
  setSize: (cols, rows) => set({ size: { cols, rows } }),
}));
