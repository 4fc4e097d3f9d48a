import type { ThreadStatus } from '../../shared/models';
import '../styles/status.css';

export const statusLabels: Record<ThreadStatus, string> = {
  queued: 'queued',
  starting: 'starting',
  working: 'working',
  'needs-input': 'needs input',
  idle: 'idle',
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
  done: 'done',
  failed: 'failed',
  stopped: 'stopped',
};

interface StatusBadgeProps {
  status: ThreadStatus;
  reason?: string | null;
  testId?: string;
}

export function StatusBadge({ status, reason, testId = 'thread-status' }: StatusBadgeProps) {
  return (
    <span
      className={`status-badge status-${status}`}
      data-testid={testId}
      data-status={status}
      title={reason ?? statusHints[status]}
    >
      <span className="status-dot" aria-hidden="true" />
      {statusLabels[status]}
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
