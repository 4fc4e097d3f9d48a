import { activeThreadStatuses, type Thread } from '../../shared/models';
import type { ReviewDecision } from '../../shared/review-decision';

/**
 * Whether "Merge into <base>" is the thread's main action: only when its review is approved on the
 * current tip. `approvalStale` null: not known yet (treated as not stale only for the button's
 * look; the confirmation says what it found).
 */
export function mergeIsPrimary(review: ReviewDecision, approvalStale: boolean | null): boolean {
  return review.state === 'approved' && approvalStale !== true;
}

export interface MergeFacts {
  review: ReviewDecision;
  status: Thread['status'];
  /** The approval was given on another commit than the tip now (null: not known yet). */
  approvalStale: boolean | null;
  /** Other threads of the project waiting in the merge queue (null: not known yet). */
  queuedOthers: number | null;
  /** This thread is itself in the merge queue. */
  inQueue: boolean;
  /** Files with uncommitted changes in the worktree (null: not known yet). */
  uncommittedFiles: number | null;
}

export interface MergeWarning {
  id: 'review' | 'agent' | 'queue' | 'uncommitted';
  text: string;
}

/** What the merge confirmation must say before a merge outside the queue; the review state first. */
export function mergeWarnings(facts: MergeFacts): MergeWarning[] {
  const warnings: MergeWarning[] = [];
  const review = reviewWarning(facts.review, facts.approvalStale);
  if (review) warnings.push({ id: 'review', text: review });
  if (activeThreadStatuses.has(facts.status)) {
    warnings.push({
      id: 'agent',
      text: 'The agent is still working or waiting for input; only what it has committed so far is merged.',
    });
  }
  warnings.push({ id: 'queue', text: queueWarning(facts.queuedOthers, facts.inQueue) });
  if (facts.uncommittedFiles !== null && facts.uncommittedFiles > 0) {
    const n = facts.uncommittedFiles;
    warnings.push({
      id: 'uncommitted',
      text:
        n === 1
          ? '1 uncommitted file — commit or discard it; it is not part of the merge.'
          : `${n} uncommitted files — commit or discard them; they are not part of the merge.`,
    });
  }
  return warnings;
}

function reviewWarning(review: ReviewDecision, approvalStale: boolean | null): string | null {
  switch (review.state) {
    case 'unreviewed':
      return 'This branch is not reviewed.';
    case 'changes-requested':
      return 'This branch is not approved: changes were requested in its review.';
    case 'rejected':
      return 'This branch is not approved: its review rejected it.';
    case 'approved':
      if (approvalStale !== true) return null;
      return review.commit
        ? `This branch was approved on an older commit (${review.commit.slice(0, 7)}); it has new commits since.`
        : 'This branch was approved on an older commit; it has new commits since.';
  }
}

function queueWarning(queuedOthers: number | null, inQueue: boolean): string {
  const skips = "Merging here skips the merge queue's conflict check against other queued branches.";
  if (queuedOthers !== null && queuedOthers > 0) {
    const others = queuedOthers === 1 ? '1 other branch is' : `${queuedOthers} other branches are`;
    return `${skips} ${others} queued in this project: ${inQueue ? 'land this one from the queue' : 'add this one to the queue'} instead to check it against them first.`;
  }
  return skips;
}
