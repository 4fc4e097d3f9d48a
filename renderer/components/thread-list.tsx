import { useMemo } from 'react';
import { useProjectsStore } from '../state/projects-store';
import { threadsOfProject, useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { ThreadListItem } from './thread-list-item';

/** Sidebar: the selected project's threads, those waiting for the dispatcher on top. */
export function ThreadList() {
  const projectId = useProjectsStore((state) => state.selectedId);
  const byId = useThreadsStore((state) => state.byId);
  const selectedId = useThreadsStore((state) => state.selectedId);
  const select = useThreadsStore((state) => state.select);
  const openDialog = useUiStore((state) => state.openDialog);
  // Derived here rather than in the selector: a fresh array from a selector re-renders forever.
  const threads = useMemo(() => threadsOfProject(byId, projectId), [byId, projectId]);
  const waiting = threads.filter((thread) => thread.status === 'needs-input').length;

  return (
    <aside className="sidebar">
      <div className="sidebar-header">
        <span className="sidebar-title">
          Threads <span className="count">{threads.length}</span>
        </span>
        <button
          type="button"
          className="button small primary"
          data-testid="new-thread"
          disabled={projectId === null}
          onClick={() => openDialog({ kind: 'new-thread' })}
        >
          + New thread
        </button>
      </div>
      {waiting > 0 && (
        <div className="waiting-summary" data-testid="needs-input-summary">
          {waiting === 1 ? '1 agent is waiting for you' : `${waiting} agents are waiting for you`}
        </div>
      )}
      <ul className="thread-list" data-testid="thread-list">
        {threads.map((thread) => (
          <ThreadListItem key={thread.id} thread={thread} selected={thread.id === selectedId} onSelect={select} />
        ))}
      </ul>
      {threads.length === 0 && projectId !== null && (
        <p className="sidebar-empty muted">No threads yet. Start an agent with “New thread”.</p>
      )}
    </aside>
  );
}
