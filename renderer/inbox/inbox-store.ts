import { create } from 'zustand';

/** Whether the "Needs you" inbox is open. */
export const useInboxStore = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export const openInbox = () => useInboxStore.getState().setOpen(true);
