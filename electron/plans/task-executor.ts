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
  start(task: ResolvedTask, worktree: string, events: TaskAgentEvents, from: string): Promise<TaskAgentHandle>;
  /**
   * The executor makes the task's branch (at `from`, the target's tip) and worktree itself — the
   * app's threads do — instead of the runner.
   */
  readonly makesWorktrees?: boolean;
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
  /**
   * The agent asks something (a question, a permission). Nobody answers in an unattended run: the
   * runner logs it, so a task that then times out says why.
   */
  needsInput(reason: string | null): void;
  /** The agent's program ended by itself (or was stopped): its exit code, or null for a signal. */
  finished(exitCode: number | null): void;
  /**
   * The agent waits on someone else (an agent slot, a person reading its plan): while held, its
   * timeout does not run, and the time held is not counted against it.
   */
  hold(held: boolean): void;
}

export interface TaskAgentHandle {
  /** Stops the agent and everything it started (its process group); resolves once it has ended. */
  stop(): Promise<void>;
}
