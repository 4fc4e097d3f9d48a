import { useEffect } from 'react';
import { getBridge } from '../transport/bridge';
import { reloadComments, reloadSummary, reloadVerification, reloadViewed, reviewActions } from './review-api';
import { useReviewPaneStore } from './review-pane-store';

/**
 * Keeps the review pane's data for `threadId` current while it is shown: loads it, holds a watch
 * lease on the worktree (renewed at half its length, released on leaving), and follows the
 * host's review events for this thread only.
 */
export function useReviewSync(threadId: string): void {
  useEffect(() => {
    const store = useReviewPaneStore.getState();
    store.showThread(threadId);
    let renew: ReturnType<typeof setInterval> | null = null;
    let left = false;
    // The file list first, then its details: the verification view and the watch (which lists
    // the worktree's folders) queue for the same git processes on the host, so they come after.
    const listed = () => {
      if (left) return;
      void reloadComments(threadId);
      void reloadViewed(threadId);
    };
    void reloadSummary(threadId, listed).then(() => {
      if (left) return;
      void reloadVerification(threadId);
      void reviewActions.watch(threadId).then((result) => {
        if (!result.ok || left) return;
        renew = setInterval(() => void reviewActions.watch(threadId), result.value.leaseMs / 2);
      });
    });

    const bridge = getBridge();
    const offChanged = bridge.on('review.changed', ({ threadId: changed, what }) => {
      if (changed !== threadId) return;
      if (what === 'files' || what === 'decision') void reloadSummary(threadId);
      if (what === 'comments' || what === 'decision') void reloadComments(threadId);
      if (what === 'verification') void reloadVerification(threadId);
      if (what === 'viewed') void reloadViewed(threadId);
    });
    const offOutput = bridge.on('review.verification.output', ({ threadId: from, runId, data }) => {
      if (from === threadId) useReviewPaneStore.getState().appendOutput(threadId, runId, data);
    });
    return () => {
      left = true;
      if (renew) clearInterval(renew);
      offChanged();
      offOutput();
      void reviewActions.unwatch(threadId);
    };
  }, [threadId]);
}
