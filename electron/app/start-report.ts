import type { Thread } from '../../shared/models';
import type { StartReport } from '../../shared/start-report';
import { endedWithSwitchyard, stopReasonText } from '../../shared/stop-reasons';

const running = new Set<Thread['status']>(['queued', 'starting', 'working', 'needs-input', 'idle']);

/**
 * Read off the threads once recovery has run: one still active was reattached (only the agent host
 * keeps agents alive across a restart), one that ended with Switchyard (quit, lost, exited while
 * closed) and was not resumed since is listed as stopped. Archived threads are left out.
 */
export function buildStartReport(threads: readonly Thread[], now = new Date()): StartReport {
  const shown = threads.filter((t) => !t.archived);
  return {
    startedAt: now.toISOString(),
    reattached: shown.filter((t) => running.has(t.status)).map((t) => ({ threadId: t.id, name: t.name })),
    stopped: shown
      .filter((t) => !running.has(t.status) && endedWithSwitchyard(t))
      .map((t) => ({
        threadId: t.id,
        name: t.name,
        status: t.status,
        cause: t.stopCause!,
        reason: t.statusReason ?? stopReasonText(t.stopCause!, t.exitCode, t.pendingQuestion),
        canResume: t.status === 'stopped' && !t.worktreeMissing,
      })),
  };
}
