import type { ThreadStatus } from '../../shared/models';
import { formatClockTime } from '../ui/clock-time';
import '../styles/status.css';

export const statusLabels: Record<ThreadStatus, string> = {
  queued: 'queued',
  starting: 'starting',
  working: 'working',
  'needs-input': 'needs input',
  idle: 'idle',
  'rate-limited': 'rate-limited',
  stalled: 'stalled',
  done: 'done',
  failed: 'failed',
  stopped: 'stopped',
};

/** What each status means, for the badge's tooltip when there is no reason to show. */
const statusHints: Record<ThreadStatus, string> = {
  queued: 'queued: waiting for a free agent slot',
  starting: 'starting',
  working: 'working',
  'needs-input': 'needs input',
  idle: 'idle: waiting for a prompt',
  'rate-limited': 'rate-limited: waiting for the provider’s usage or rate limit to reset',
  stalled: 'stalled: retrying a failing connection, or no screen change for a long while',
  done: 'done',
  failed: 'failed',
  stopped: 'stopped',
};

interface StatusBadgeProps {
  status: ThreadStatus;
  reason?: string | null;
  /** The thread's statusSince: the tooltip says since when (a fixed time, so nothing has to tick). */
  since?: string | null;
  /** Today, for the tooltip's date (tests). */
  now?: number;
  testId?: string;
}

/** The badge's tooltip: the reason (or what the status means), and since when when that is known. */
function badgeTitle(
  status: ThreadStatus,
  reason: string | null | undefined,
  since: string | null | undefined,
  now?: number,
) {
  const what = reason ?? statusHints[status];
  const at = since ? Date.parse(since) : NaN;
  return Number.isFinite(at) ? `${what} — since ${formatClockTime(at, now)}` : what;
}

/**
 * The badge's word: the status's, except a stall guessed from silence alone ("stuck? no output …"),
 * which says it is a guess.
 */
export function badgeLabel(status: ThreadStatus, reason: string | null | undefined): string {
  if (status === 'stalled' && reason?.startsWith('stuck?')) return 'stuck?';
  return statusLabels[status];
}

export function StatusBadge({ status, reason, since, now, testId = 'thread-status' }: StatusBadgeProps) {
  return (
    <span
      className={`status-badge status-${status}`}
      data-testid={testId}
      data-status={status}
      title={badgeTitle(status, reason, since, now)}
    >
      <span className="status-dot" aria-hidden="true" />
      {badgeLabel(status, reason)}
    </span>
  );
}

/** Marks a thread whose agent runs with an approval-bypass flag: it acts without asking. */
export function BypassBadge({ testId, long = false }: { testId: string; long?: boolean }) {
  return (
    <span
      className="mark mark-bypass"
      data-testid={testId}
      title="Started with an approval-bypass flag: the agent edits files and runs commands without asking you"
    >
      ⚠ {long ? 'approvals bypassed' : 'bypass'}
    </span>
  );
}
