import type { ResolvedTask } from './resolve-plan';

/**
 * How a plan run starts a task's agent, so the same engine (plan-runner.ts) runs in the CLI —
 * headless ptys (cli-executor.ts) — and in the app, where each task is an ordinary thread.
 */
export interface TaskExecutor {
  /**
   * Starts the task's agent in `worktree` (made by the runner on the task's branch). Rejects when
   * the agent cannot start at all (program missing, bad profile); then nothing is running.
   */
  start(task: ResolvedTask, worktree: string, events: TaskAgentEvents): Promise<TaskAgentHandle>;
}

/** What an agent tells the runner; each is called on the runner's side, never after `finished`. */
export interface TaskAgentEvents {
  /** The agent printed something (any output counts: it resets the no-output timeout). */
  activity(): void;
  /**
   * An interactive agent has done its turn and sits at its prompt: in an unattended run that is
   * the end of its work. The runner stops it (`stop()`) and goes on as if it had exited; its exit
   * code is then null.
   */
  idle(reason: string | null): void;
  /** The agent's program ended by itself (or was stopped): its exit code, or null for a signal. */
  finished(exitCode: number | null): void;
}

export interface TaskAgentHandle {
  /** Stops the agent and everything it started (its process group); resolves once it has ended. */
  stop(): Promise<void>;
}
