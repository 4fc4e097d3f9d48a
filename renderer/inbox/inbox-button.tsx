import { plural } from '../../shared/plural';
import { useMemo } from 'react';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { inboxCount } from './inbox-selection';
import { openInbox } from './inbox-store';

/** The top bar's way into the inbox, with how many threads wait across every project. */
export function InboxButton() {
  const byId = useThreadsStore((state) => state.byId);
  const projects = useProjectsStore((state) => state.projects);
  const count = useMemo(() => inboxCount(byId, projects), [byId, projects]);
  return (
    <button
      type="button"
      className={`button small inbox-button${count > 0 ? ' has-items' : ''}`}
      data-testid="inbox-button"
      title="Threads waiting for input or failed, in every open project"
      aria-label={count > 0 ? `Needs you: ${plural(count, 'thread')}` : 'Needs you: nothing waiting'}
      onClick={openInbox}
    >
      Needs you
      {count > 0 && (
        <span className="inbox-count" data-testid="inbox-count">
          {count}
        </span>
      )}
    </button>
  );
}
