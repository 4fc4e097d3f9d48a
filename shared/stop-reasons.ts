import type { StopCause, Thread, ThreadStatus } from './models';

/** The words for each stop cause, in one place (the thread list, the header and the start banner use them). */
export function stopReasonText(cause: StopCause, exitCode: number | null, question: string | null = null): string {
  const base: Record<StopCause, string> = {
    user: 'stopped by you',
    quit: 'stopped when Switchyard quit',
    // The agent host (or, without one, Switchyard itself) went away without stopping the agent.
    'host-lost': 'agent host stopped unexpectedly — resume to continue',
    'exited-while-closed': `exited while Switchyard was closed (exit ${exitCode ?? '?'})`,
  };
  // Screen rules word a question as "asks: …"; here it reads "it was asking: …".
  return question ? `${base[cause]} — it was asking: ${question.replace(/^asks:\s*/, '')}` : base[cause];
}

/**
 * The reason the agent host gives for an agent stopped by `switchyard agents stop` (a person, but
 * not in this window): the thread says so instead of "stopped by you".
 */
export const commandLineStopReason = 'stopped from the command line';

/**
 * The thread after its agent ended for `cause` (`reason`: other words than the cause's own). A question the agent was asking is kept (not when
 * you stopped it yourself): after a restart it still shows what it was waiting for.
 */
export function endedThread(
  thread: Thread,
  cause: StopCause,
  exitCode: number | null = thread.exitCode,
  reason: string | null = null,
): Thread {
  const asking = thread.status === 'needs-input' ? thread.statusReason : thread.pendingQuestion;
  const question = cause === 'user' ? null : asking;
  const status: ThreadStatus = cause === 'exited-while-closed' ? (exitCode === 0 ? 'done' : 'failed') : 'stopped';
  return {
    ...thread,
    status,
    statusReason: reason ?? stopReasonText(cause, exitCode, question),
    exitCode,
    stopCause: cause,
    pendingQuestion: question,
  };
}

/** Whether a thread ended because Switchyard went away rather than by itself or by you. */
export function endedWithSwitchyard(thread: Pick<Thread, 'stopCause'>): boolean {
  return thread.stopCause === 'quit' || thread.stopCause === 'host-lost' || thread.stopCause === 'exited-while-closed';
}
