import { useState } from 'react';
import type { Thread } from '../../shared/models';
import { notify, settleNotices } from '../state/notices-store';
import { useThreadsStore } from '../state/threads-store';
import { getBridge } from '../transport/bridge';

/**
 * A thread waiting for an agent slot: why (which threads hold the slots, from its status reason)
 * and a way on that does not mean stopping another agent: start it anyway, past the limit.
 */
export function QueuedNotice({ thread }: { thread: Thread }) {
  const [starting, setStarting] = useState(false);
  if (thread.status !== 'queued') return null;

  const startAnyway = async () => {
    setStarting(true);
    const result = await getBridge().invoke('threads.startNow', { threadId: thread.id });
    const threads = useThreadsStore.getState();
    threads.setError(thread.id, result.ok ? null : { action: 'Start anyway', error: result.error });
    const action = `threads.startNow:${thread.id}`;
    if (result.ok) {
      threads.upsert(result.value);
      settleNotices(action);
    } else notify({ tone: 'error', title: 'Could not start the agent', message: result.error.message, action });
    setStarting(false);
  };

  return (
    <div className="queued-notice" role="status" data-testid="queued-notice">
      <span data-testid="queued-notice-reason">
        <strong>Queued:</strong> {thread.statusReason ?? 'waiting for a free agent slot'}. It starts by itself when one
        of them ends; the limit is under Settings → Agents running at once.
      </span>
      <button
        type="button"
        className="button"
        data-testid="queued-start-anyway"
        disabled={starting}
        title="Run this agent now, past the limit on agents running at once"
        onClick={() => void startAnyway()}
      >
        {starting ? 'Starting…' : 'Start anyway'}
      </button>
    </div>
  );
}
