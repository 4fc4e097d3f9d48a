import { create } from 'zustand';

export type NoticeTone = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  tone: NoticeTone;
  title: string;
  message?: string;
  /** Extra lines (file names, refs), rendered as text. */
  lines?: string[];
}

export interface NoticesState {
  notices: Notice[];
  push(notice: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
}

/** Errors stay until dismissed; good news fades so it does not pile up. */
const autoDismissMs: Record<NoticeTone, number | null> = { info: 6000, success: 8000, error: null };
const maxNotices = 5;

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notices: [],
  push(notice) {
    const id = nextId++;
    set((state) => ({ notices: [...state.notices, { ...notice, id }].slice(-maxNotices) }));
    const delay = autoDismissMs[notice.tone];
    if (delay !== null) setTimeout(() => get().dismiss(id), delay);
    return id;
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((n) => n.id !== id) }));
  },
}));

export function notify(notice: Omit<Notice, 'id'>): number {
  return useNoticesStore.getState().push(notice);
}
