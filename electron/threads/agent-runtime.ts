import { stopReasonText } from '../../shared/stop-reasons';
import type { FollowUp, FollowUpChange } from '../../shared/follow-ups';
import type { ThreadStatus } from '../../shared/models';
import type { HookEventKind } from '../hooks/hook-protocol';
import type { TerminalBackend } from '../terminals/terminal-service';
import type { LaunchPlan, LiveAgent, RuntimeEvents } from './thread-runtime';

/** How a thread's agent ended while no app was listening (kept by the agent host until an app asks). */
export interface FinishedAgent {
  readonly threadId: string;
  readonly status: ThreadStatus;
  readonly reason: string | null;
  readonly exitCode: number | null;
  /** When it ended (ISO); absent in records of an agent host from before it was kept. */
  readonly statusSince?: string;
}

/** What an app finds when it starts: agents to adopt, and what became of the others. */
export interface AgentAdoption {
  readonly live: readonly LiveAgent[];
  readonly finished: readonly FinishedAgent[];
  /** The agent host that ran this data folder's agents died without being told to (a crash, kill -9). */
  readonly hostLost: boolean;
  /** Threads whose agents run in an agent host speaking another protocol version: left alone until they exit. */
  readonly elsewhere: ReadonlyMap<string, string>;
}

/**
 * Where threads' agents run: ThreadRuntime in this process, or the agent host (agent-host/), a
 * separate process that outlives the app. ThreadService sees only this.
 */
export interface AgentRuntime extends TerminalBackend {
  start(plan: LaunchPlan): void;
  isRunning(threadId: string): boolean;
  isQueued(threadId: string): boolean;
  /** The running limit changed: start what the new limit lets start, and reword the queued reasons. */
  limitChanged(): void;
  /** Starts a queued thread now, past the running limit; false when it is not queued. */
  startNow(threadId: string): Promise<boolean>;
  /** Queues a message for the agent (typed at once when it is ready); false when no agent runs or waits. */
  sendMessage(threadId: string, text: string): boolean;
  /** The messages waiting for the agent to be ready (follow-up-queue.ts). */
  followUps(threadId: string): Promise<FollowUp[]>;
  changeFollowUps(threadId: string, change: FollowUpChange): Promise<FollowUp[]>;
  hookEvent(threadId: string, kind: HookEventKind, message: string | null): void;
  stop(threadId: string): Promise<void>;
  discard(threadId: string): Promise<void>;
  /** Stops every agent (quitting and stopping them). */
  stopAll(): Promise<void>;
  /** Lets go of the agents and leaves them running (quitting and keeping them); a no-op where they cannot outlive the app. */
  release(): Promise<void>;
  /** Called once at start: the agents already running to adopt. */
  adopt(): Promise<AgentAdoption>;
}

export type AgentRuntimeFactory = (events: RuntimeEvents) => AgentRuntime;

/** A thread's status reason when the agent host died under its agent (threads.resume starts it again). */
export const agentHostLostReason = stopReasonText('host-lost', null);
