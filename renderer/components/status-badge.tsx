import type { ThreadStatus } from '../../shared/models';

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
      title={reason ?? statusLabels[status]}
    >
      <span className="status-dot" aria-hidden="true" />
      {statusLabels[status]}
    </span>
  );
}
