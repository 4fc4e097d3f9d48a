import { useState } from 'react';
import type { Thread } from '../../shared/models';
import type { StartReport } from '../../shared/start-report';
import { plural } from '../../shared/plural';
import { getActions } from '../state/actions';
import { useAppInfoStore } from '../state/app-info-store';
import { useThreadsStore } from '../state/threads-store';

type Stopped = StartReport['stopped'][number];

/**
 * After a start: which agents kept running and were reattached (or run on in an older
 * Switchyard's agent host, which this one cannot attach to), and which stopped with
 * Switchyard (why, in the thread's own words), with Resume all for those that can. Shown once per
 * start (a restarted host brings a new report), until dismissed.
 */
export function StartBanner() {
  const report = useAppInfoStore((state) => state.info?.startReport ?? null);
  const byId = useThreadsStore((state) => state.byId);
  return <StartBannerView report={report} byId={byId} />;
}

/** The banner for a given report and the threads as they are now. */
export function StartBannerView({ report, byId }: { report: StartReport | null; byId: Record<string, Thread> }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);
  if (!report || dismissed === report.startedAt) return null;
  const inOlderHost = report.inOlderHost ?? [];
  if (report.reattached.length === 0 && report.stopped.length === 0 && inOlderHost.length === 0) return null;

  // Still stopped now (not resumed or removed since) and able to resume.
  const resumable = report.stopped.filter((s) => s.canResume && byId[s.threadId]?.status === 'stopped');
  const resumeAll = async () => {
    setResuming(true);
    const results = await Promise.all(resumable.map((s) => getActions().resumeThread(s.threadId)));
    setResuming(false);
    if (results.every((r) => r.ok)) setDismissed(report.startedAt);
  };

  return (
    <div className="start-banner" role="status" data-testid="start-banner">
      <div className="start-banner-text">
        {report.reattached.length > 0 && (
          <div data-testid="start-banner-reattached">
            <strong>Still running, reattached: </strong>
            {report.reattached.map((t) => byId[t.threadId]?.name ?? t.name).join(', ')}
          </div>
        )}
        {inOlderHost.length > 0 && (
          <div data-testid="start-banner-older-host">
            <strong>Still running in an older Switchyard&apos;s agent host, not reattached: </strong>
            {inOlderHost.map((t) => byId[t.threadId]?.name ?? t.name).join(', ')}. Their terminals here show no live
            output and take no input; each one&apos;s end is recorded when it exits.
          </div>
        )}
        {report.stopped.length > 0 && (
          <div>
            <strong>{plural(report.stopped.length, 'agent')} stopped with Switchyard:</strong>
            <ul className="start-banner-list">
              {report.stopped.map((s) => (
                <StoppedItem key={s.threadId} stopped={s} name={byId[s.threadId]?.name ?? s.name} />
              ))}
            </ul>
          </div>
        )}
      </div>
      {resumable.length > 0 && (
        <button
          type="button"
          className="button small primary"
          data-testid="start-banner-resume-all"
          disabled={resuming}
          onClick={() => void resumeAll()}
        >
          {resuming ? 'Resuming…' : resumable.length === 1 ? 'Resume it' : `Resume all (${resumable.length})`}
        </button>
      )}
      <button
        type="button"
        className="button small"
        data-testid="start-banner-dismiss"
        onClick={() => setDismissed(report.startedAt)}
      >
        Dismiss
      </button>
    </div>
  );
}

function StoppedItem({ stopped, name }: { stopped: Stopped; name: string }) {
  return (
    <li data-testid="start-banner-stopped" data-thread-id={stopped.threadId}>
      <span className="start-banner-name">{name}</span> — {stopped.reason}
    </li>
  );
}
