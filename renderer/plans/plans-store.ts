import { useEffect } from 'react';
import { create } from 'zustand';
import type { PlanRunView } from '../../shared/contract/plans';
import { useUiStore } from '../state/ui-store';
import { getBridge, getConnection } from '../transport/bridge';
import { onReconnect } from '../transport/on-reconnect';

interface PlansState {
  /** The plan being edited, as the file's text. */
  text: string;
  /** Where it was opened from or saved to, relative to the project. */
  file: string | null;
  runs: Record<string, PlanRunView>;
  /** The run the view shows. */
  shownRunId: string | null;
  setText(text: string, file?: string | null): void;
  replaceRuns(runs: readonly PlanRunView[]): void;
  upsertRun(run: PlanRunView): void;
  showRun(runId: string | null): void;
}

export const usePlansStore = create<PlansState>()((set) => ({
  text: '',
  file: null,
  runs: {},
  shownRunId: null,
  setText: (text, file) => set((state) => ({ text, file: file === undefined ? state.file : file })),
  replaceRuns: (runs) => set({ runs: Object.fromEntries(runs.map((r) => [r.runId, r])) }),
  upsertRun: (run) => set((state) => ({ runs: { ...state.runs, [run.runId]: run } })),
  showRun: (shownRunId) => set({ shownRunId }),
}));

/** Plans is a main view, like the merge queue: opening it replaces the thread in the main area. */
export const openPlans = () => useUiStore.getState().setMainView('plans');
/** Back to the selected thread (or the empty state). */
export const closePlans = () => useUiStore.getState().setMainView('thread');

/** Loads the app's plan runs, follows `plan.run`, and loads again after a reconnect. */
export function usePlansSync(): void {
  useEffect(() => {
    const bridge = getBridge();
    const connection = getConnection();
    let stopped = false;
    const load = () =>
      void bridge.invoke('plans.runs', {}).then((result) => {
        if (!stopped && result.ok) usePlansStore.getState().replaceRuns(result.value);
      });
    load();
    const unsubscribers = [
      onReconnect(connection, load),
      bridge.on('plan.run', (run) => usePlansStore.getState().upsertRun(run)),
    ];
    return () => {
      stopped = true;
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, []);
}
