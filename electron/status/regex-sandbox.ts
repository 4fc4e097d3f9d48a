import { Worker } from 'node:worker_threads';

/**
 * Regular expressions the user wrote (a custom profile's needs-input patterns) run here: in a
 * worker thread, one test at a time, each within a time budget. JavaScript's backtracking engine
 * takes exponential time on patterns like `^(a+)+\?$` (31 a's: 8.7 s), and on the main thread
 * that froze every request; in the worker it costs at most the budget, after which the worker is
 * ended and the test reported as timed out.
 */

/** One pattern against some texts: which text matched first (and the match), or none. */
export interface RegexTest {
  readonly source: string;
  readonly flags: string;
  readonly inputs: readonly string[];
}

export type SandboxResult =
  /** Every test ran; the first match when `stopAtFirstMatch`, else null. */
  | { readonly kind: 'done'; readonly match: { test: number; input: number; groups: string[] } | null }
  /** Test `test` ran past the budget; the worker was ended there. */
  | { readonly kind: 'timeout'; readonly test: number }
  /** The worker could not run (it failed to start or crashed): treat as no match. */
  | { readonly kind: 'failed'; readonly message: string };

interface Job {
  readonly id: number;
  readonly tests: readonly RegexTest[];
  readonly stopAtFirstMatch: boolean;
  readonly budgetMs: number;
  readonly resolve: (result: SandboxResult) => void;
}

/** An idle worker is ended after this long: a thread of ~10 MB is not kept for nothing. */
const idleWorkerMs = 30_000;

/**
 * Runs in the worker. Plain JavaScript as text (the bundle has no separate entry for it). Before
 * each test it writes the test's index and start time into shared memory, so the main thread can
 * tell which test is over budget without asking a worker that is busy.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const progress = new Float64Array(workerData.progress);
const compiled = new Map();
function compile(source, flags) {
  const key = flags + '/' + source;
  if (!compiled.has(key)) {
    let regex = null;
    try { regex = new RegExp(source, flags.replace(/[gy]/g, '')); } catch {}
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, regex);
  }
  return compiled.get(key);
}
parentPort.on('message', (job) => {
  let match = null;
  for (let test = 0; test < job.tests.length && !match; test++) {
    const { source, flags, inputs } = job.tests[test];
    progress[1] = performance.timeOrigin + performance.now();
    progress[0] = test;
    const regex = compile(source, flags);
    if (!regex) continue;
    for (let input = 0; input < inputs.length; input++) {
      const found = regex.exec(inputs[input]);
      if (found && job.stopAtFirstMatch) {
        match = { test, input, groups: Array.from(found, (group) => group ?? '') };
        break;
      }
    }
  }
  progress[0] = -1;
  parentPort.postMessage({ id: job.id, match });
});
`;

/** One worker and a queue of jobs for it; replaced when a job runs over its budget. */
export class RegexSandbox {
  private worker: Worker | null = null;
  private progress: Float64Array | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;

  /**
   * Runs the tests in order, each input of a test in order. A test running longer than
   * `budgetMs` ends the run there (the tests after it are not run).
   */
  run(tests: readonly RegexTest[], options: { budgetMs: number; stopAtFirstMatch: boolean }): Promise<SandboxResult> {
    if (tests.length === 0) return Promise.resolve({ kind: 'done', match: null });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, tests, resolve, ...options });
      this.startNext();
    });
  }

  /** Ends the worker (tests, shutdown); jobs still waiting are answered `failed`. */
  close(): void {
    this.stopWorker();
    const waiting = [this.running, ...this.queue.splice(0)].filter((job): job is Job => job !== null);
    this.running = null;
    for (const job of waiting) job.resolve({ kind: 'failed', message: 'the pattern checker was closed' });
  }

  private startNext(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) {
      this.armIdleTimer();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.running = job;
    const { worker, progress } = this.ensureWorker();
    progress[0] = -1;
    worker.postMessage({
      id: job.id,
      tests: job.tests.map(({ source, flags, inputs }) => ({ source, flags, inputs: [...inputs] })),
      stopAtFirstMatch: job.stopAtFirstMatch,
    });
    this.armWatchdog(job, job.budgetMs);
  }

  /**
   * Looks at the job after `delayMs`: the test it is on has had `budgetMs` of wall time, or the
   * watchdog comes back when it will have. Time before the first test (the worker starting up)
   * does not count.
   */
  private armWatchdog(job: Job, delayMs: number): void {
    this.watchdog = setTimeout(
      () => {
        this.watchdog = null;
        if (this.running !== job || !this.progress) return;
        const test = this.progress[0] ?? -1;
        const startedAt = this.progress[1] ?? 0;
        const elapsed = performance.timeOrigin + performance.now() - startedAt;
        if (test < 0 || elapsed < job.budgetMs) {
          this.armWatchdog(job, test < 0 ? job.budgetMs : job.budgetMs - elapsed);
          return;
        }
        this.stopWorker();
        this.finish(job, { kind: 'timeout', test });
      },
      Math.max(1, Math.ceil(delayMs)),
    );
    this.watchdog.unref?.();
  }

  private ensureWorker(): { worker: Worker; progress: Float64Array } {
    if (this.worker && this.progress) return { worker: this.worker, progress: this.progress };
    const shared = new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT);
    const progress = new Float64Array(shared);
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { progress: shared },
      // A pattern cannot take more than this much memory with it, whatever it does.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    worker.unref();
    worker.on('message', (message: { id: number; match: { test: number; input: number; groups: string[] } | null }) => {
      const job = this.running;
      if (job?.id === message.id) this.finish(job, { kind: 'done', match: message.match });
    });
    const fail = (error: Error | number) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.progress = null;
      const job = this.running;
      const message = typeof error === 'number' ? `the pattern checker exited (${error})` : error.message;
      if (job) this.finish(job, { kind: 'failed', message });
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    this.worker = worker;
    this.progress = progress;
    return { worker, progress };
  }

  private finish(job: Job, result: SandboxResult): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    this.running = null;
    job.resolve(result);
    this.startNext();
  }

  private stopWorker(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    this.progress = null;
    if (worker) void worker.terminate();
  }

  private armIdleTimer(): void {
    if (!this.worker || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.running && this.queue.length === 0) this.stopWorker();
    }, idleWorkerMs);
    this.idleTimer.unref?.();
  }
}

/** The one sandbox of the process (status reads of every thread and checks on save share it). */
let shared: RegexSandbox | null = null;

export function regexSandbox(): RegexSandbox {
  shared ??= new RegexSandbox();
  return shared;
}
