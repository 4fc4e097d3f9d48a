import type { Thread } from '../../shared/models';
import { useUiStore } from '../state/ui-store';
import { ReviewPane } from '../review/review-pane';
import { TerminalPane } from '../terminal/terminal-pane';
import { ThreadErrorBar } from './thread-error-bar';
import { ThreadHeader } from './thread-header';

export function ThreadView({ thread }: { thread: Thread }) {
  const tab = useUiStore((state) => state.tab);
  return (
    <section className="thread-view" data-testid="thread-view" data-thread-id={thread.id}>
      <ThreadHeader thread={thread} />
      <ThreadErrorBar threadId={thread.id} />
      <div className="thread-body">
        {/* The terminal stays mounted behind the review tab so its live stream is never interrupted. */}
        <TerminalPane threadId={thread.id} status={thread.status} visible={tab === 'terminal'} />
        {/* The review follows the worktree by itself (watched while shown). */}
        {tab === 'diff' && <ReviewPane thread={thread} />}
      </div>
    </section>
  );
}
