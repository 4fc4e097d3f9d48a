import { useCallback, useEffect, useState } from 'react';
import type { RequestChannel, RequestOf, ResponseOf, Result } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { QueueView } from '../../shared/merge-queue';
import { keptOutputChars } from '../../shared/review-verification';
import { useConnectionState } from '../state/use-connection-state';
import { getBridge } from '../transport/bridge';

export interface MergeQueueState {
  view: QueueView | null;
  /** Live verification output of the landing in progress (or the last one). */
  output: string;
  error: WireError | null;
  busy: boolean;
  /** Runs a request; its failure is kept in `error` and shown at the top of the view. */
  run<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
}

/**
 * The project's queue: loaded, then kept current by the host's pushed updates, and loaded again
 * after a reconnect (updates sent while the link was down are gone).
 */
export function useMergeQueue(projectId: string): MergeQueueState {
  const epoch = useConnectionState().epoch;
  const [view, setView] = useState<QueueView | null>(null);
  const [output, setOutput] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const bridge = getBridge();
    let alive = true;
    void bridge.invoke('mergeQueue.get', { projectId }).then((result) => {
      if (!alive) return;
      if (result.ok) setView(result.value);
      else setError(result.error);
    });
    const offUpdated = bridge.on('mergeQueue.updated', (next) => {
      if (next.projectId === projectId) setView(next);
    });
    const offOutput = bridge.on('mergeQueue.output', (chunk) => {
      if (chunk.projectId === projectId) setOutput((text) => (text + chunk.data).slice(-keptOutputChars));
    });
    return () => {
      alive = false;
      offUpdated();
      offOutput();
    };
  }, [projectId, epoch]);

  // Another project's queue is never shown, not even for a moment.
  useEffect(() => {
    setView(null);
    setOutput('');
  }, [projectId]);

  const run = useCallback(
    async <C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> => {
      setBusy(true);
      setError(null);
      if (channel === 'mergeQueue.land' || channel === 'mergeQueue.skip') setOutput('');
      try {
        const result = await getBridge().invoke(channel, request);
        if (!result.ok) setError(result.error);
        else if (isQueueView(result.value)) setView(result.value);
        return result;
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  return { view, output, error, busy, run };
}

function isQueueView(value: unknown): value is QueueView {
  return typeof value === 'object' && value !== null && 'entries' in value && 'projectId' in value;
}
