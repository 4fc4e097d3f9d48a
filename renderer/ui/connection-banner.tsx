import { useEffect, useState } from 'react';
import { missingTokenMessage } from '../transport/access-token';
import { getConnection } from '../transport/bridge';
import { useConnectionState } from '../state/use-connection-state';
import { elsewhereHintAfterMs } from '../transport/connection-state';

/** Makes a dropped link to the host impossible to miss; everything else on screen may be stale. */
export function ConnectionBanner() {
  const state = useConnectionState();
  const now = useSecondsTicker(state.status === 'reconnecting');

  if (state.status === 'open') return null;
  if (state.status === 'connecting' && !state.tokenMissing) return null;

  if (state.tokenMissing) {
    return (
      <div className="connection-banner" role="status" data-testid="connection-banner">
        <strong>No access token</strong>
        <span className="connection-detail">{missingTokenMessage(window.location.origin)}</span>
      </div>
    );
  }

  if (state.status === 'refused') {
    return (
      <div className="connection-banner" role="status" data-testid="connection-banner">
        <strong>Access token refused</strong>
        <span className="connection-detail">
          Switchyard was probably restarted: open the new address printed by <code>npm start</code> or{' '}
          <code>switchyard serve</code> (it ends in ?token=…).
        </span>
      </div>
    );
  }

  const seconds = state.retryAt === null ? 0 : Math.max(0, Math.ceil((state.retryAt - now) / 1000));
  const longDown = state.downSince !== null && now - state.downSince >= elsewhereHintAfterMs;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <strong>{state.epoch > 0 ? 'Disconnected — reconnecting' : 'Cannot reach Switchyard — retrying'}</strong>
      <span className="connection-detail">
        {longDown && (
          <span data-testid="connection-elsewhere">
            Switchyard may be running on another address (its port was taken when it restarted): open the URL printed in
            the terminal where it runs (by <code>npm start</code> or <code>switchyard serve</code>).{' '}
          </span>
        )}
        {state.retryAt !== null && seconds > 0 ? `next attempt in ${seconds}s` : 'connecting…'}
      </span>
      <button
        type="button"
        className="button small"
        data-testid="connection-retry"
        onClick={() => getConnection().retryNow()}
      >
        Retry now
      </button>
    </div>
  );
}

function useSecondsTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
