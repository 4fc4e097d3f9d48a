import type { Thread } from '../../shared/models';
import { useUiStore } from '../state/ui-store';
import { DiffPane } from './diff-pane';
import { TerminalPane } from './terminal-pane';
import { ThreadErrorBar } from './thread-error-bar';
import { ThreadHeader } from './thread-header';

export function ThreadView({ thread }: { thread: Thread }) {
  const tab = useUiStore((state) => state.tab);
  return (
    <section className="thread-view" data-testid="thread-view" data-thread-id={thread.id}>
      <ThreadHeader thread={thread} />
      <ThreadErrorBar threadId={thread.id} />
      <div className="thread-body">
        {/* The terminal stays mounted behind the diff tab so its live stream is never interrupted. */}
        <TerminalPane threadId={thread.id} status={thread.status} visible={tab === 'terminal'} />
        {tab === 'diff' && (
          <DiffPane threadId={thread.id} revision={`${thread.status}:${thread.merged?.commit ?? ''}`} />
        )}
      </div>
    </section>
  );
}
