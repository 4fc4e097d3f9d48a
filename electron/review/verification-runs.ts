import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import type { VerificationView } from '../../shared/contract/review';
import { isRunStale, type VerificationRun, type VerificationState } from '../../shared/review-verification';
import { revParse } from '../git/refs';
import { uncommittedPaths } from '../git/status';
import { pathExists } from '../fs/path-exists';
import { verificationArgv } from './command-argv';
import type { ReviewFile } from './review-file';
import { startVerificationProcess, type VerificationOutcome, type VerificationProcess } from './verification-process';

interface Running {
  run: VerificationRun;
  process: VerificationProcess;
  cancelled: boolean;
}

/**
 * The brief's verification commands run from the review pane: one at a time per thread, output
 * streamed to the windows, each result recorded against the commit it ran on.
 */
export class VerificationRuns {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: ReviewFile,
    private readonly shellOf: (projectId: string) => string | null,
    private readonly onOutput: (threadId: string, runId: string, data: string) => void,
    private readonly changed: (threadId: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  async view(thread: Thread): Promise<VerificationView> {
    const head = (await pathExists(thread.worktreePath))
      ? await revParse(thread.worktreePath, 'HEAD').catch(() => null)
      : null;
    return {
      commands: thread.brief?.verificationCommands ?? [],
      shell: this.shellOf(thread.projectId),
      head,
      runs: this.store.runs(thread.id).map((run) => ({
        ...run,
        ...this.liveOutput(thread.id, run.id),
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
    if (!(await pathExists(thread.worktreePath))) {
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
    const child = startVerificationProcess(argv, {
      cwd: thread.worktreePath,
      env: { ...process.env, CI: process.env.CI ?? '1', FORCE_COLOR: '0' },
      onOutput: (data) => this.onOutput(thread.id, run.id, data),
    });
    this.running.set(thread.id, { run, process: child, cancelled: false });
    await this.store.putRun(run);
    void child.done.then((outcome) => this.finish(thread.id, outcome));
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

  /** A running run's output so far (the kept tail), for the view. */
  private liveOutput(threadId: string, runId: string): Pick<VerificationRun, 'output' | 'outputTruncated'> | null {
    const entry = this.running.get(threadId);
    if (entry?.run.id !== runId) return null;
    const kept = entry.process.output();
    return { output: kept.text, outputTruncated: kept.truncated };
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

  private async finish(threadId: string, outcome: VerificationOutcome): Promise<void> {
    const entry = this.running.get(threadId);
    if (!entry) return;
    const state: VerificationState = outcome.error
      ? 'error'
      : entry.cancelled
        ? 'cancelled'
        : outcome.exitCode === 0
          ? 'passed'
          : 'failed';
    const run: VerificationRun = {
      ...entry.run,
      state,
      exitCode: outcome.exitCode,
      finishedAt: new Date().toISOString(),
      output: outcome.output,
      outputTruncated: outcome.outputTruncated,
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
