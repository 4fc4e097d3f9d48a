import { activeThreadStatuses } from '../../shared/models';
import type { StateRepository } from '../store/state-repository';
import type { ThreadService } from '../threads/thread-service';

/**
 * What becomes of the agents when Switchyard's window or server goes away: with the agent host
 * (electron/agent-host/) they can outlive it; `inProcessAgentLifetime` is for agents run in this
 * process (no agent host built, SWITCHYARD_AGENT_HOST=in-process, tests).
 */
export interface AgentLifetime {
  /** Leaves every agent running without this process; the next start reattaches them. */
  detachAll(): Promise<void>;
  /** Stops every agent; their threads say they stopped when Switchyard quit. */
  stopAll(): Promise<void>;
}

/** The user's answer to "what about the agents?" on quit (settings.agentsOnQuit, or the dialog). */
export type QuitChoice = 'keep' | 'stop';

/** Agents that live in this process cannot outlive it: "keep running" stops them too (and the quit report says so). */
export function inProcessAgentLifetime(threads: ThreadService): AgentLifetime {
  return {
    detachAll: () => threads.shutdown(),
    stopAll: () => threads.shutdown(),
  };
}

/** What a quit did to the agents that were running, by thread name. */
export interface QuitReport {
  readonly choice: QuitChoice;
  readonly kept: readonly string[];
  readonly stopped: readonly string[];
}

/** Carries out the choice and reports, from the threads' own records, which agents kept running. */
export async function endAgents(
  lifetime: AgentLifetime,
  state: StateRepository,
  choice: QuitChoice,
): Promise<QuitReport> {
  const before = state.threads().filter((t) => activeThreadStatuses.has(t.status));
  await (choice === 'keep' ? lifetime.detachAll() : lifetime.stopAll());
  const ended = new Set(
    state
      .threads()
      .filter((t) => t.stopCause === 'quit')
      .map((t) => t.id),
  );
  return {
    choice,
    kept: before.filter((t) => !ended.has(t.id)).map((t) => t.name),
    stopped: before.filter((t) => ended.has(t.id)).map((t) => t.name),
  };
}

/** One line for the terminal (serve) or the log (Electron). */
export function describeQuit(report: QuitReport): string {
  const list = (names: readonly string[]) =>
    `${names.length} agent${names.length === 1 ? '' : 's'} (${names.join(', ')})`;
  if (report.kept.length === 0 && report.stopped.length === 0) return 'No agents were running.';
  const parts: string[] = [];
  if (report.kept.length > 0) parts.push(`Kept ${list(report.kept)} running; the next start reattaches them.`);
  if (report.stopped.length > 0) {
    parts.push(
      report.choice === 'keep'
        ? `Stopped ${list(report.stopped)}: they ran inside Switchyard (no agent host), so they could not outlive it.`
        : `Stopped ${list(report.stopped)}, as the setting says (Settings → When Switchyard quits).`,
    );
  }
  return parts.join(' ');
}
