import { useUiStore } from '../state/ui-store';

export function NoThreadSelected({ hasThreads }: { hasThreads: boolean }) {
  const openDialog = useUiStore((state) => state.openDialog);
  return (
    <div className="empty-main" data-testid="no-thread-selected">
      {hasThreads ? (
        <p className="muted">Select a thread on the left to watch its agent.</p>
      ) : (
        <>
          <p>No threads in this project yet.</p>
          <p className="muted">A thread is one agent working in its own worktree and branch.</p>
          <button type="button" className="button primary" onClick={() => openDialog({ kind: 'new-thread' })}>
            Start a thread
          </button>
        </>
      )}
    </div>
  );
}
