import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import type { VerificationView } from '../../shared/contract/review';
import {
  isRunStale,
  keptOutputChars,
  type VerificationRun,
  type VerificationState,
} from '../../shared/review-verification';
import { revParse } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { folderExists } from '../threads/remove-thread';
import { verificationArgv } from './command-argv';
import type { ReviewStore } from './review-store';
import { startVerificationProcess, type VerificationProcess } from './verification-process';

interface Running {
  run: VerificationRun;
  process: VerificationProcess;
  cancelled: boolean;
}

function keepTail(text: string): { text: string; cut: boolean } {
  return text.length > keptOutputChars ? { text: text.slice(-keptOutputChars), cut: true } : { text, cut: false };
}

/**
 * The brief's verification commands run from the review pane: one at a time per thread, output
 * streamed to the windows, each result recorded against the commit it ran on.
 */
export class VerificationRuns {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: ReviewStore,
    private readonly shellOf: (projectId: string) => string | null,
    private readonly onOutput: (threadId: string, runId: string, data: string) => void,
    private readonly changed: (threadId: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  async view(thread: Thread): Promise<VerificationView> {
    const head = (await folderExists(thread.worktreePath))
      ? await revParse(thread.worktreePath, 'HEAD').catch(() => null)
      : null;
    return {
      commands: thread.brief?.verificationCommands ?? [],
      shell: this.shellOf(thread.projectId),
      head,
      runs: this.store.runs(thread.id).map((run) => ({
        ...(this.running.get(thread.id)?.run.id === run.id ? (this.running.get(thread.id)?.run ?? run) : run),
        stale: isRunStale(run, head),
      })),
    };
  }

  async start(thread: Thread, index: number): Promise<VerificationRun> {
    const command = thread.brief?.verificationCommands[index];
    if (command === undefined) {
      throw new AppError('not-found', `The brief of "${thread.name}" has no verification command number ${index + 1}.`);
    }
    if (this.running.has(thread.id)) {
      throw new AppError(
        'invalid-request',
        'A verification command is already running for this thread; wait for it or cancel it.',
      );
    }
    if (!(await folderExists(thread.worktreePath))) {
      throw new AppError(
        'worktree-missing',
        `The worktree of "${thread.name}" is gone, so there is nothing to verify.`,
      );
    }
    const { argv, via } = verificationArgv(command, this.shellOf(thread.projectId));
    const [commit, dirtyPaths] = await Promise.all([
      revParse(thread.worktreePath, 'HEAD'),
      uncommittedPaths(thread.worktreePath),
    ]);
    if (this.running.has(thread.id)) {
      throw new AppError(
        'invalid-request',
        'A verification command is already running for this thread; wait for it or cancel it.',
      );
    }
    const run: VerificationRun = {
      id: randomUUID(),
      threadId: thread.id,
      commandIndex: index,
      command,
      argv,
      via,
      commit,
      dirty: dirtyPaths.length > 0,
      state: 'running',
      exitCode: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      output: '',
      outputTruncated: false,
    };
    const process = startVerificationProcess(argv, thread.worktreePath, (data) => {
      const entry = this.running.get(thread.id);
      if (entry) {
        const tail = keepTail(entry.run.output + data);
        entry.run = { ...entry.run, output: tail.text, outputTruncated: entry.run.outputTruncated || tail.cut };
      }
      this.onOutput(thread.id, run.id, data);
    });
    this.running.set(thread.id, { run, process, cancelled: false });
    await this.store.putRun(run);
    void process.done.then((outcome) => this.finish(thread.id, outcome));
    this.changed(thread.id);
    return run;
  }

  cancel(threadId: string, runId: string): boolean {
    const entry = this.running.get(threadId);
    if (!entry || entry.run.id !== runId) return false;
    entry.cancelled = true;
    entry.process.kill();
    return true;
  }

  isRunning(threadId: string): boolean {
    return this.running.has(threadId);
  }

  /** Stops every run and waits (briefly) for them to be recorded. */
  async stopAll(): Promise<void> {
    const ending = [...this.running.values()].map((entry) => {
      entry.cancelled = true;
      entry.process.kill();
      return entry.process.done;
    });
    await Promise.race([Promise.all(ending), new Promise((resolve) => setTimeout(resolve, 3000))]);
  }

  private async finish(
    threadId: string,
    outcome: { exitCode: number | null; signal: string | null; error: string | null },
  ): Promise<void> {
    const entry = this.running.get(threadId);
    if (!entry) return;
    const state: VerificationState = outcome.error
      ? 'error'
      : entry.cancelled
        ? 'cancelled'
        : outcome.exitCode === 0
          ? 'passed'
          : 'failed';
    const note = outcome.error ? `\n${outcome.error}\n` : '';
    if (note) this.onOutput(threadId, entry.run.id, note);
    const tail = keepTail(entry.run.output + note);
    const run: VerificationRun = {
      ...entry.run,
      state,
      exitCode: outcome.exitCode,
      finishedAt: new Date().toISOString(),
      output: tail.text,
      outputTruncated: entry.run.outputTruncated || tail.cut,
    };
    this.running.delete(threadId);
    try {
      await this.store.putRun(run);
    } catch (error) {
      this.log(`[switchyard] review: could not record a verification run: ${(error as Error).message}`);
    }
    this.changed(threadId);
  }
}
