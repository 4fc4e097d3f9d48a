import { create } from 'zustand';

/** Whether the top bar's "Open another repository" popover is open (the palette opens it too). */
interface OpenRepositoryPopoverState {
  open: boolean;
  setOpen(open: boolean): void;
}

export const useOpenRepositoryPopover = create<OpenRepositoryPopoverState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
