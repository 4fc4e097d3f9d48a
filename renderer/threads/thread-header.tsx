import { useState } from 'react';
import type { Thread } from '../../shared/models';
import { getActions } from '../state/actions';
import { duplicateThread } from './duplicate-thread';
import { useUiStore } from '../state/ui-store';
import { ReviewBadge } from '../review/review-badge';
import { BypassBadge, StatusBadge } from './status-badge';
import { useApprovalStale } from './merge-facts';
import { mergeIsPrimary } from './merge-readiness';
import { ThreadTabs } from './thread-terminal-tabs';
import { OpenWorktreeButtons } from './open-worktree-buttons';
import { UsageDetails } from '../usage/usage-details';

const finishedStatuses: ReadonlySet<Thread['status']> = new Set(['done', 'failed', 'stopped']);

/** Who the thread is, what state its agent is in, and what the dispatcher can do with it. */
export function ThreadHeader({ thread }: { thread: Thread }) {
  const openDialog = useUiStore((state) => state.openDialog);
  const [stopping, setStopping] = useState(false);
  const [resuming, setResuming] = useState(false);
  const resume = async () => {
    setResuming(true);
    await getActions().resumeThread(thread.id);
    setResuming(false);
  };
  const finished = finishedStatuses.has(thread.status);
  const approvalStale = useApprovalStale(thread);
  const mergePrimary = mergeIsPrimary(thread.review, approvalStale);

  const stop = async () => {
    setStopping(true);
    await getActions().stopThread(thread.id);
    setStopping(false);
  };

  return (
    <div className="thread-header">
      <div className="thread-header-info">
        <div className="thread-title-row">
          <h1 className="thread-title truncate" data-testid="thread-title" title={thread.prompt || thread.name}>
            {thread.name}
          </h1>
          <StatusBadge
            status={thread.status}
            reason={thread.statusReason}
            since={thread.statusSince}
            testId="thread-header-status"
          />
          <ReviewBadge review={thread.review} testId="thread-header-review" />
          {thread.bypassApprovals && <BypassBadge testId="thread-header-bypass" long />}
          {thread.statusReason && (
            <span
              className={`thread-header-reason truncate${thread.status === 'needs-input' ? ' attention' : ''}`}
              data-testid="thread-header-reason"
              title={thread.statusReason}
            >
              {thread.statusReason}
            </span>
          )}
        </div>
        <div className="thread-meta">
          <span className="mono" data-testid="thread-branches">
            {thread.branch} <span className="muted">→</span> {thread.baseBranch}
          </span>
          <span className="mono muted truncate" title={thread.worktreePath}>
            {thread.worktreePath}
          </span>
          {thread.merged && (
            <span className="mark mark-merged" data-testid="thread-header-merged">
              ✓ merged into {thread.merged.into} as {thread.merged.commit.slice(0, 7)}
            </span>
          )}
          {thread.worktreeMissing && <span className="mark mark-warning">⚠ worktree folder is missing from disk</span>}
        </div>
        <UsageDetails thread={thread} />
      </div>

      <div className="thread-toolbar">
        <ThreadTabs thread={thread} />
        <span className="spacer" />
        <OpenWorktreeButtons thread={thread} />
        <button
          type="button"
          className="button"
          data-testid="thread-duplicate"
          title="New thread with this one's brief, agent and base branch"
          onClick={() => duplicateThread(thread)}
        >
          Duplicate
        </button>
        {finished ? (
          <button
            type="button"
            className="button"
            data-testid="thread-resume"
            disabled={thread.worktreeMissing || resuming}
            title={
              thread.worktreeMissing
                ? 'The worktree is gone; nothing to resume in'
                : 'Start the agent again in its worktree, continuing its last session where the tool can'
            }
            onClick={() => void resume()}
          >
            {resuming ? 'Resuming…' : 'Resume'}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          data-testid="thread-stop"
          disabled={finished || stopping}
          title={finished ? 'The agent is not running' : 'Stop the agent (the worktree and branch stay)'}
          onClick={() => void stop()}
        >
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
        <button
          type="button"
          className={mergePrimary ? 'button primary' : 'button'}
          data-testid="thread-merge"
          data-primary={mergePrimary}
          title={
            mergePrimary
              ? `Merge ${thread.branch} into ${thread.baseBranch} (approved on its current tip)`
              : thread.review.state === 'approved'
                ? `Approved on an older commit: review the new commits before merging into ${thread.baseBranch}`
                : `Not approved yet: review ${thread.branch} before merging it into ${thread.baseBranch}`
          }
          onClick={() => openDialog({ kind: 'merge', thread })}
        >
          Merge into {thread.baseBranch}
        </button>
        <button
          type="button"
          className="button danger-outline"
          data-testid="thread-remove"
          onClick={() => openDialog({ kind: 'remove', thread })}
        >
          Remove
        </button>
      </div>
    </div>
  );
}
