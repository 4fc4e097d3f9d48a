import { useEffect, useState } from 'react';
import type { Thread } from '../../shared/models';
import { useReviewPaneStore } from '../review/review-pane-store';
import { useUiStore } from '../state/ui-store';
import { getBridge } from '../transport/bridge';

/**
 * Whether the thread's approval was given on another commit than its branch tip now: false when it
 * is not approved, null until known. The review pane's summary answers while it shows this thread
 * (it follows the worktree); otherwise the host is asked (the file list only, no line counts), again
 * whenever the agent's status moves (it may have committed).
 */
export function useApprovalStale(thread: Thread): boolean | null {
  const approved = thread.review.state === 'approved';
  const reviewShown = useUiStore((state) => state.tab === 'diff');
  const storedHead = useReviewPaneStore((state) =>
    state.threadId === thread.id && state.summary ? state.summary.head : null,
  );
  const paneHead = reviewShown ? storedHead : null;
  const [asked, setAsked] = useState<{ threadId: string; head: string } | null>(null);
  const needsAsking = approved && paneHead === null;
  useEffect(() => {
    if (!needsAsking) return;
    let cancelled = false;
    void getBridge()
      .invoke('review.summary', { threadId: thread.id, detailsLater: true })
      .then((result) => {
        if (!cancelled && result.ok) setAsked({ threadId: thread.id, head: result.value.head });
      });
    return () => {
      cancelled = true;
    };
  }, [needsAsking, thread.id, thread.review.commit, thread.status]);
  if (!approved) return false;
  const head = paneHead ?? (asked?.threadId === thread.id ? asked.head : null);
  return head === null ? null : thread.review.commit !== head;
}

export interface MergeLookups {
  /** The branch tip now, and how many files have uncommitted changes in the worktree. */
  head: string | null;
  uncommittedFiles: number | null;
  /** Other threads of the project in the merge queue, and whether this one is. */
  queuedOthers: number | null;
  inQueue: boolean;
}

/** What the merge confirmation looks up when it opens: the worktree's state and the project's queue. */
export function useMergeLookups(thread: Thread): MergeLookups {
  const [lookups, setLookups] = useState<MergeLookups>({
    head: null,
    uncommittedFiles: null,
    queuedOthers: null,
    inQueue: false,
  });
  useEffect(() => {
    let cancelled = false;
    const bridge = getBridge();
    void bridge.invoke('review.summary', { threadId: thread.id, detailsLater: true }).then((result) => {
      if (cancelled || !result.ok) return;
      const uncommitted = new Set(result.value.files.filter((f) => f.section !== 'committed').map((f) => f.path));
      setLookups((now) => ({ ...now, head: result.value.head, uncommittedFiles: uncommitted.size }));
    });
    void bridge.invoke('mergeQueue.get', { projectId: thread.projectId }).then((result) => {
      if (cancelled || !result.ok) return;
      const entries = result.value.entries;
      setLookups((now) => ({
        ...now,
        queuedOthers: entries.filter((e) => e.threadId !== thread.id).length,
        inQueue: entries.some((e) => e.threadId === thread.id),
      }));
    });
    return () => {
      cancelled = true;
    };
  }, [thread.id, thread.projectId]);
  return lookups;
}
