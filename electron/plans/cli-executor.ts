import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { fillArgv, usesPromptFile } from '../agents/argv-template';
import { findExecutable } from '../agents/find-executable';
import { writePromptFile } from '../agents/prompt-file';
import { StatusTracker } from '../status/status-tracker';
import { PtyProcess } from '../terminals/pty-process';
import { threadEnvironment } from '../threads/agent-environment';
import { FollowUpQueue } from '../threads/follow-up-queue';
import { messageKeystrokes, submitDelayMs, submitKey } from '../threads/message-keystrokes';
import type { ResolvedTask } from './resolve-plan';
import type { TaskAgentEvents, TaskAgentHandle, TaskExecutor } from './task-executor';

export interface CliExecutorOptions {
  /** Where each task's agent output goes (the raw terminal stream). */
  readonly outputFile: (task: ResolvedTask) => string;
  /** The environment agents start from; process.env when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Test seam: the status tracker's silence before an unrecognised screen counts as idle. */
  readonly idleMs?: number;
}

/**
 * Runs each task's agent in a headless pty, as a thread's terminal would but with no window:
 * output is written to the task's log file and read by the same status tracker the app uses.
 *
 * When an interactive agent is done: it exits, or — the way agents such as Claude Code end a
 * turn — it sits at its prompt. The tracker reading it as idle after it has worked on the prompt
 * is reported as `idle`. A typed-prompt tool gets its prompt typed once it is first ready (the
 * thread's follow-up queue), and only a later idle counts. Headless (one-shot) runs and custom
 * commands end only by exiting: a long silence there is thinking, not a finished turn.
 */
export class CliTaskExecutor implements TaskExecutor {
  constructor(private readonly options: CliExecutorOptions) {}

  async start(task: ResolvedTask, worktree: string, events: TaskAgentEvents): Promise<TaskAgentHandle> {
    const { launch, profile } = task;
    const env = threadEnvironment(this.options.env ?? process.env, profile.env, {
      SWITCHYARD_PLAN_TASK: task.name,
      // As a thread's agent has it (threads/launch-plan.ts).
      SWITCHYARD_BRANCH: task.branch,
    });
    const file = await findExecutable(launch.binary, env.PATH ?? '');
    if (!file) {
      throw new AppError(
        'not-found',
        `The ${profile.label} agent needs "${launch.binary}", which is not installed or not on PATH.`,
      );
    }
    const promptFile = usesPromptFile(launch.template) ? await writePromptFile(launch.prompt) : null;
    const args = fillArgv(launch.template, {
      prompt: launch.prompt,
      cwd: worktree,
      scenario: task.agent.scenario ?? 'feature',
      ...(promptFile ? { promptFile } : {}),
    });
    const log = createWriteStream(this.options.outputFile(task), { flags: 'a' });
    log.on('error', () => undefined);
    return new HeadlessAgent({
      file,
      args,
      cwd: worktree,
      env,
      task,
      events,
      log,
      promptFile,
      idleMs: this.options.idleMs,
    });
  }
}

interface AgentStart {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly task: ResolvedTask;
  readonly events: TaskAgentEvents;
  readonly log: WriteStream;
  readonly promptFile: string | null;
  readonly idleMs: number | undefined;
}

const cols = 120;
const rows = 40;

class HeadlessAgent implements TaskAgentHandle {
  private readonly pty: PtyProcess;
  private readonly tracker: StatusTracker;
  private readonly followUps: FollowUpQueue;
  private ended = false;
  /** Set once the agent has worked on its prompt: from then on, idle means its turn is done. */
  private workedOnPrompt = false;

  constructor(private readonly start: AgentStart) {
    const { task, events } = start;
    const endsByIdle = task.launch.mode === 'interactive' && !task.profile.takesCommand;
    const typed = task.launch.typedPrompt;
    this.followUps = new FollowUpQueue({
      type: (text) => this.type(text),
      changed: () => undefined,
    });
    if (typed) this.followUps.addPrompt(typed);
    this.tracker = new StatusTracker({
      profileId: task.profile.id,
      needsInputPatterns: task.profile.needsInputPatterns,
      cols,
      rows,
      ...(start.idleMs !== undefined ? { idleMs: start.idleMs } : {}),
      onChange: ({ status, reason }) => {
        if (this.ended) return;
        const promptWaiting = this.followUps.promptWaiting;
        this.followUps.statusChanged(status);
        if (status === 'working' && !this.followUps.promptWaiting) this.workedOnPrompt = true;
        if (status === 'idle' && endsByIdle && !promptWaiting && this.workedOnPrompt) events.idle(reason);
        if (status === 'needs-input') events.needsInput(reason);
      },
    });
    this.pty = new PtyProcess(
      { file: start.file, args: start.args, cwd: start.cwd, env: start.env, cols, rows },
      {
        onData: (data) => {
          start.log.write(data);
          this.tracker.output(data);
          this.followUps.output();
          events.activity();
        },
        onExit: (exitCode, signal) => {
          this.ended = true;
          this.tracker.exit(exitCode, signal, false);
          this.followUps.dispose();
          start.log.end();
          if (start.promptFile) void rm(path.dirname(start.promptFile), { recursive: true, force: true });
          events.finished(signal ? null : exitCode);
        },
      },
    );
  }

  stop(): Promise<void> {
    return this.pty.stop();
  }

  private type(text: string): boolean {
    if (this.ended) return false;
    // Not noted as the dispatcher's typing (tracker.input): with nobody at the keyboard, the
    // prompt's echo is the start of the agent's turn, so it reads as working and a later idle ends it.
    if (!this.pty.write(messageKeystrokes(text, this.tracker.acceptsBracketedPaste))) return false;
    setTimeout(() => {
      if (!this.ended) this.pty.write(submitKey);
    }, submitDelayMs);
    return true;
  }
}
