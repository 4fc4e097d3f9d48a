import type { Thread } from '../../shared/models';
import { ReviewBadge } from '../review/review-badge';
import { UsageChip } from '../usage/usage-chip';
import { BypassBadge, StatusBadge } from './status-badge';

interface ThreadListItemProps {
  thread: Thread;
  selected: boolean;
  onSelect(threadId: string): void;
}

export function ThreadListItem({ thread, selected, onSelect }: ThreadListItemProps) {
  const needsInput = thread.status === 'needs-input';
  return (
    <li>
      <button
        type="button"
        className={`thread-item status-row-${thread.status}${selected ? ' selected' : ''}${needsInput ? ' needs-input' : ''}${thread.archived ? ' archived' : ''}`}
        data-testid="thread-item"
        data-thread-id={thread.id}
        data-status={thread.status}
        data-review={thread.review.state}
        data-archived={thread.archived ? 'true' : undefined}
        aria-current={selected ? 'true' : undefined}
        title={thread.statusReason ?? undefined}
        onClick={() => onSelect(thread.id)}
      >
        <span className="thread-item-top">
          <span className="thread-name truncate">{thread.name}</span>
          <StatusBadge status={thread.status} reason={thread.statusReason} since={thread.statusSince} />
          <ReviewBadge review={thread.review} />
          <UsageChip thread={thread} />
        </span>
        <span className="thread-branch mono truncate">{thread.branch}</span>
        {thread.statusReason && (
          <span className="thread-reason truncate" data-testid="thread-status-reason">
            {thread.statusReason}
          </span>
        )}
        {(thread.merged || thread.worktreeMissing || thread.bypassApprovals || thread.archived) && (
          <span className="thread-marks">
            {thread.archived && (
              <span
                className="mark"
                data-testid="thread-archived"
                title="Archived: rejected in review; its branch is kept"
              >
                archived
              </span>
            )}
            {thread.bypassApprovals && <BypassBadge testId="thread-bypass" />}
            {thread.merged && (
              <span
                className="mark mark-merged"
                data-testid="thread-merged"
                title={`Merged into ${thread.merged.into} as ${thread.merged.commit.slice(0, 7)}`}
              >
                ✓ merged
              </span>
            )}
            {thread.worktreeMissing && (
              <span
                className="mark mark-warning"
                data-testid="thread-worktree-missing"
                title={`The folder ${thread.worktreePath} no longer exists`}
              >
                ⚠ worktree missing
              </span>
            )}
          </span>
        )}
      </button>
    </li>
  );
}
