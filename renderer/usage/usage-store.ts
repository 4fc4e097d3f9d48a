import { create } from 'zustand';

/** Whether the Usage view (totals from the cost log) is open. */
export const useUsageViewStore = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export const openUsageView = () => useUsageViewStore.getState().setOpen(true);
export const toggleUsageView = () => useUsageViewStore.getState().setOpen(!useUsageViewStore.getState().open);
