import type { Thread } from '../../shared/models';
import { useUiStore } from '../state/ui-store';
import { ReviewPane } from '../review/review-pane';
import { FollowUpQueue } from './follow-up-queue';
import { PlanGateBar } from '../plans/plan-gate-bar';
import { QueuedNotice } from './queued-notice';
import { ThreadErrorBar } from './thread-error-bar';
import { ThreadHeader } from './thread-header';
import { ThreadTerminals } from './thread-terminal-tabs';

export function ThreadView({ thread }: { thread: Thread }) {
  const tab = useUiStore((state) => state.tab);
  return (
    <section className="thread-view" data-testid="thread-view" data-thread-id={thread.id}>
      <ThreadHeader thread={thread} />
      <ThreadErrorBar threadId={thread.id} />
      <QueuedNotice thread={thread} />
      <PlanGateBar threadId={thread.id} />
      <div className="thread-body">
        {/* The terminals stay mounted behind the review tab so their live streams are never interrupted. */}
        <ThreadTerminals thread={thread} />
        {/* The review follows the worktree by itself (watched while shown). */}
        {tab === 'diff' && <ReviewPane thread={thread} />}
      </div>
      <FollowUpQueue thread={thread} />
    </section>
  );
}
