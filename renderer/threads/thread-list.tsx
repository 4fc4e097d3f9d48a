import { useMemo, useRef, type KeyboardEvent } from 'react';
import { plural } from '../../shared/plural';
import { EnableNotificationsControl } from '../notifications/enable-notifications-control';
import { useAttentionNotifications } from '../notifications/use-attention-notifications';
import { PlansNavItem } from '../plans/plans-nav-item';
import { useProjectsStore } from '../state/projects-store';
import { matchesFilter, threadFilters, threadsOfProject, useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import '../styles/status.css';
import { ThreadFilterBar } from './thread-filter-bar';
import { ThreadListItem } from './thread-list-item';
import { AttemptGroupRows } from '../attempts/attempt-group-rows';
import { useAttemptThreadIds } from '../attempts/attempts-store';

/** Sidebar: the selected project's threads, filtered and ordered as the dispatcher chose. */
export function ThreadList() {
  useAttentionNotifications();
  const projectId = useProjectsStore((state) => state.selectedId);
  const byId = useThreadsStore((state) => state.byId);
  const selectedId = useThreadsStore((state) => state.selectedId);
  const select = useThreadsStore((state) => state.select);
  const filter = useThreadsStore((state) => state.listFilter);
  const sort = useThreadsStore((state) => state.listSort);
  const setFilter = useThreadsStore((state) => state.setListFilter);
  const openDialog = useUiStore((state) => state.openDialog);
  const mainView = useUiStore((state) => state.mainView);
  const setMainView = useUiStore((state) => state.setMainView);
  // Picking a thread always shows it, even from the merge queue view.
  const showThread = (threadId: string | null) => {
    setMainView('thread');
    select(threadId);
  };
  // Derived here rather than in the selector: a fresh array from a selector re-renders forever.
  const threads = useMemo(() => threadsOfProject(byId, projectId, sort), [byId, projectId, sort]);
  const shown = useMemo(() => threads.filter((thread) => matchesFilter(thread, filter)), [threads, filter]);
  const statusSince = useThreadsStore((state) => state.statusSince);
  // The one waiting longest first: the banner opens it.
  const waitingThreads = threads
    .filter((thread) => thread.status === 'needs-input' && !thread.archived)
    .sort((a, b) => (statusSince[a.id]?.at ?? 0) - (statusSince[b.id]?.at ?? 0));
  const waiting = waitingThreads.length;
  const listRef = useRef<HTMLUListElement>(null);
  // Attempts are listed under their group (attempts/attempt-group-rows.tsx), not among the others.
  const attemptThreadIds = useAttemptThreadIds();
  const setSidebarHasKeyboard = useUiStore((state) => state.setSidebarHasKeyboard);

  // A click (or Enter on a row) goes into the thread: its terminal takes the keyboard.
  const pickThread = (threadId: string) => {
    setSidebarHasKeyboard(false);
    showThread(threadId);
  };

  // ↑/↓ while a row has focus: select the thread above or below and keep the keyboard in the list.
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || shown.length === 0) return;
    event.preventDefault();
    const index = shown.findIndex((thread) => thread.id === selectedId);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = shown[index === -1 ? 0 : Math.max(0, Math.min(shown.length - 1, index + step))]!;
    setSidebarHasKeyboard(true);
    showThread(next.id);
    listRef.current?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(next.id)}"]`)?.focus();
  };

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
      <button
        type="button"
        className={`sidebar-nav-item${mainView === 'merge-queue' ? ' active' : ''}`}
        data-testid="merge-queue-open"
        aria-pressed={mainView === 'merge-queue'}
        disabled={projectId === null}
        title="Land approved threads in order, with conflicts predicted"
        onClick={() => setMainView(mainView === 'merge-queue' ? 'thread' : 'merge-queue')}
      >
        Merge queue
        <span className="muted">land approved threads in order</span>
      </button>
      <PlansNavItem />
      {waiting > 0 && (
        <button
          type="button"
          className="waiting-summary"
          data-testid="needs-input-summary"
          title={`Open ${waitingThreads[0]!.name}, waiting for your input`}
          onClick={() => pickThread(waitingThreads[0]!.id)}
        >
          {waiting === 1
            ? `${waitingThreads[0]!.name} is waiting for you — open it`
            : `${plural(waiting, 'agent')} are waiting for you — open the first`}
        </button>
      )}
      {threads.length > 0 && <ThreadFilterBar threads={threads} />}
      <ul
        ref={listRef}
        className="thread-list"
        data-testid="thread-list"
        aria-label="Threads (↑/↓ to move)"
        onKeyDown={onListKey}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget)) setSidebarHasKeyboard(false);
        }}
      >
        <AttemptGroupRows
          threads={shown}
          onSelect={pickThread}
          renderThread={(thread) => (
            <ThreadListItem key={thread.id} thread={thread} selected={thread.id === selectedId} onSelect={pickThread} />
          )}
        />
        {shown
          .filter((thread) => !attemptThreadIds.has(thread.id))
          .map((thread) => (
            <ThreadListItem key={thread.id} thread={thread} selected={thread.id === selectedId} onSelect={pickThread} />
          ))}
      </ul>
      {threads.length === 0 && projectId !== null && (
        <p className="sidebar-empty muted">No threads yet. Start an agent with “New thread”.</p>
      )}
      {threads.length > 0 && shown.length === 0 && (
        <p className="sidebar-empty muted" data-testid="thread-filter-empty">
          No threads in “{threadFilters[filter].label}”.{' '}
          <button type="button" className="link-button" onClick={() => setFilter('all')}>
            Show all
          </button>
        </p>
      )}
      <EnableNotificationsControl />
    </aside>
  );
}
