import { useState } from 'react';
import { getBridge } from '../transport/bridge';
import { useAppInfoStore } from '../state/app-info-store';
import { loadEverything } from '../state/sync';

/** The initial load failed (or partly failed): say so, since the screen may be missing things. */
export function LoadErrorBanner() {
  const loadError = useAppInfoStore((state) => state.loadError);
  const setLoaded = useAppInfoStore((state) => state.setLoaded);
  const [busy, setBusy] = useState(false);
  if (!loadError) return null;

  const retry = async () => {
    setBusy(true);
    setLoaded(await loadEverything(getBridge()));
    setBusy(false);
  };

  return (
    <div className="load-error-banner" role="alert" data-testid="load-error">
      <strong>Could not load everything:</strong> <span>{loadError.message}</span>
      <button type="button" className="button small" disabled={busy} onClick={() => void retry()}>
        {busy ? 'Loading…' : 'Retry'}
      </button>
    </div>
  );
}
