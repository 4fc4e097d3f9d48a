import { activeThreadStatuses, type Thread } from '../../shared/models';
import type { StartReport } from '../../shared/start-report';
import { endedWithSwitchyard, stopReasonText } from '../../shared/stop-reasons';

/**
 * Read off the threads once recovery has run: one still active was reattached (only the agent host
 * keeps agents alive across a restart) unless it runs in an older Switchyard's agent host
 * (`inOlderHost`: listed apart, as it is not reattached), one that ended with Switchyard (quit, lost, exited while
 * closed) and was not resumed since is listed as stopped. Archived threads are left out.
 */
export function buildStartReport(
  threads: readonly Thread[],
  now = new Date(),
  inOlderHost: ReadonlySet<string> = new Set(),
): StartReport {
  const shown = threads.filter((t) => !t.archived);
  const named = (t: Thread) => ({ threadId: t.id, name: t.name });
  return {
    startedAt: now.toISOString(),
    reattached: shown.filter((t) => activeThreadStatuses.has(t.status) && !inOlderHost.has(t.id)).map(named),
    inOlderHost: shown.filter((t) => inOlderHost.has(t.id)).map(named),
    stopped: shown
      .filter((t) => !activeThreadStatuses.has(t.status) && endedWithSwitchyard(t))
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
