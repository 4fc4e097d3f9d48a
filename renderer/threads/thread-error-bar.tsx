import { useThreadsStore } from '../state/threads-store';

/** The thread's last failed action, kept visible until dismissed or until that action succeeds. */
export function ThreadErrorBar({ threadId }: { threadId: string }) {
  const lastError = useThreadsStore((state) => state.lastErrorById[threadId]);
  const setError = useThreadsStore((state) => state.setError);
  if (!lastError) return null;
  return (
    <div className="thread-error-bar" role="alert" data-testid="thread-error" data-error-kind={lastError.error.kind}>
      <strong>{lastError.action} failed:</strong> <span>{lastError.error.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setError(threadId, null)}>
        ×
      </button>
    </div>
  );
}
