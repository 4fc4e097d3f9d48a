import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { BriefDraft } from '../briefs/brief-draft';

/** What the new-thread form starts with when it opens from "Duplicate" rather than empty. */
export interface NewThreadPrefill {
  readonly projectId: string;
  readonly name: string;
  readonly baseBranch: string;
  readonly profileId: string;
  readonly prompt: string;
  readonly command: readonly string[] | null;
  readonly scenario: string | null;
  readonly brief: BriefDraft;
}

interface PrefillState {
  prefill: NewThreadPrefill | null;
  offer(prefill: NewThreadPrefill): void;
  clear(): void;
}

/** Hands a prefill to the next new-thread form that opens; the form takes it once. */
export const useNewThreadPrefillStore = create<PrefillState>()((set) => ({
  prefill: null,
  offer: (prefill) => set({ prefill }),
  clear: () => set({ prefill: null }),
}));

/**
 * The prefill offered for this project, read once when the form mounts and then cleared, so the
 * next plain "New thread" starts empty.
 */
export function useTakeNewThreadPrefill(projectId: string): NewThreadPrefill | null {
  const [prefill] = useState(() => {
    const offered = useNewThreadPrefillStore.getState().prefill;
    return offered?.projectId === projectId ? offered : null;
  });
  useEffect(() => {
    useNewThreadPrefillStore.getState().clear();
  }, []);
  return prefill;
}
