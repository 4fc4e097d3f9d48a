import { useState } from 'react';
import type { Thread } from '../../shared/models';
import { plural } from '../../shared/plural';
import type { StartReport } from '../../shared/start-report';
import { stopReasonText } from '../../shared/stop-reasons';
import { getActions } from '../state/actions';
import { useAppInfoStore } from '../state/app-info-store';
import { useThreadsStore } from '../state/threads-store';

const lostReason = stopReasonText('host-lost', null);
/** Where a dismissal is kept, so threads left un-resumed on purpose do not bring the banner back on every load. */
export const dismissedStorageKey = 'switchyard.hostLostDismissed';
type KeyStore = Pick<Storage, 'getItem' | 'setItem'> | null;

function browserStorage(): KeyStore {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The threads whose agents went down with the agent host (it died while this Switchyard ran, or
 * before a start that did not list them), still not resumed. Those the start banner lists are its own.
 */
export function lostWithAgentHost(report: StartReport | null, byId: Record<string, Thread>): Thread[] {
  const inStartBanner = new Set(report?.stopped.map((s) => s.threadId) ?? []);
  return Object.values(byId).filter(
    (t) =>
      !t.archived &&
      !inStartBanner.has(t.id) &&
      (t.status === 'failed' || t.status === 'stopped') &&
      (t.statusReason ?? '').startsWith(lostReason),
  );
}

/**
 * When the agent host dies under running agents, every one of them ends at once: one banner says so
 * and resumes them all, instead of a red "failed" on each thread to resume by hand one by one.
 */
export function HostLostBanner() {
  const report = useAppInfoStore((state) => state.info?.startReport ?? null);
  const byId = useThreadsStore((state) => state.byId);
  return <HostLostBannerView report={report} byId={byId} storage={browserStorage()} />;
}

export function HostLostBannerView({
  report,
  byId,
  storage = null,
}: {
  report: StartReport | null;
  byId: Record<string, Thread>;
  storage?: KeyStore;
}) {
  const [dismissed, setDismissed] = useState<string | null>(() => {
    try {
      return storage?.getItem(dismissedStorageKey) ?? null;
    } catch {
      return null;
    }
  });
  const [resuming, setResuming] = useState(false);
  const lost = lostWithAgentHost(report, byId);
  // A later loss (other threads, or the same ones again) shows the banner again.
  const key = lost.map((t) => `${t.id}@${t.statusSince ?? ''}`).join(',');
  if (lost.length === 0 || dismissed === key) return null;

  const resumable = lost.filter((t) => !t.worktreeMissing);
  const resumeAll = async () => {
    setResuming(true);
    await Promise.all(resumable.map((t) => getActions().resumeThread(t.id)));
    setResuming(false);
  };

  return (
    <div className="start-banner host-lost-banner" role="status" data-testid="host-lost-banner">
      <div className="start-banner-text">
        <strong>The agent host stopped unexpectedly: </strong>
        {plural(lost.length, 'agent')} ended — {lost.map((t) => t.name).join(', ')}. Their screens are kept as they
        were; Resume starts them again.
      </div>
      {resumable.length > 0 && (
        <button
          type="button"
          className="button small primary"
          data-testid="host-lost-banner-resume-all"
          disabled={resuming}
          onClick={() => void resumeAll()}
        >
          {resuming ? 'Resuming…' : resumable.length === 1 ? 'Resume it' : `Resume all (${resumable.length})`}
        </button>
      )}
      <button
        type="button"
        className="button small"
        data-testid="host-lost-banner-dismiss"
        onClick={() => {
          setDismissed(key);
          try {
            storage?.setItem(dismissedStorageKey, key);
          } catch {
            // Storage can be disabled: dismissed for this page load only.
          }
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
