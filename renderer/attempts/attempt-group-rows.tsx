import type { AttemptGroup } from '../../shared/attempts';
import type { Thread } from '../../shared/models';
import { useProjectsStore } from '../state/projects-store';
import type { ReactNode } from 'react';
import { useAttemptsStore, useAttemptsSync, useProjectGroups } from './attempts-store';
import { CompareView } from './compare-view';
import '../styles/attempts.css';

interface AttemptGroupRowsProps {
  /** The sidebar's shown threads (filtered and sorted): a group lists those of its attempts among them. */
  threads: readonly Thread[];
  onSelect(threadId: string): void;
  /** The sidebar's own row for a thread (threads/thread-list-item.tsx). */
  renderThread(thread: Thread): ReactNode;
}

function GroupRow({ group, threads, renderThread }: AttemptGroupRowsProps & { group: AttemptGroup }) {
  const openCompare = useAttemptsStore((state) => state.openCompare);
  const byId = new Map(threads.map((t) => [t.id, t]));
  const setAside = group.attempts.filter((a) => a.state === 'set-aside');
  return (
    <li className="attempt-group" data-testid="attempt-group" data-group-id={group.id} data-status={group.status}>
      <div className="attempt-group-header">
        <span className="attempt-group-name truncate">{group.name}</span>
        <span className="muted">
          {group.status === 'resolved' ? `attempt ${group.picked} kept` : `${group.attempts.length} attempts`}
        </span>
        <button
          type="button"
          className="button small"
          data-testid="attempt-compare-open"
          onClick={() => openCompare(group.id)}
        >
          Compare
        </button>
      </div>
      <ul className="attempt-group-threads">
        {group.attempts.map((attempt) => {
          const thread = attempt.threadId ? byId.get(attempt.threadId) : undefined;
          return thread ? renderThread(thread) : null;
        })}
      </ul>
      {setAside.length > 0 && (
        <p className="attempt-set-aside muted" data-testid="attempt-set-aside">
          Set aside: {setAside.map((a) => `attempt ${a.k}`).join(', ')} (restorable from Compare)
        </p>
      )}
    </li>
  );
}

/** The sidebar's attempt groups: each group's attempts under its name, with its Compare view. */
export function AttemptGroupRows(props: AttemptGroupRowsProps) {
  useAttemptsSync();
  const projectId = useProjectsStore((state) => state.selectedId);
  const groups = useProjectGroups(projectId);
  const comparing = useAttemptsStore((state) => state.comparing);
  const shownGroup = groups.find((g) => g.id === comparing);
  return (
    <>
      {groups.map((group) => (
        <GroupRow key={group.id} group={group} {...props} />
      ))}
      {shownGroup && <CompareView group={shownGroup} onOpenThread={props.onSelect} />}
    </>
  );
}
