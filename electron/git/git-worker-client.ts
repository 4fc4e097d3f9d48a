import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { GitInvocation, GitResult } from './git-process';
import type { GitWorkerReply, GitWorkerRequest } from './git-worker-protocol';

interface Pending {
  resolve(result: GitResult): void;
  reject(error: Error): void;
}

/**
 * The main thread's side of the git worker (`git-worker.ts`). Started on first use and again
 * after a crash (the calls it held fail; later ones get a new worker). It keeps the process
 * alive only while it has calls in hand, so a CLI command still exits when its work is done.
 */
export class GitWorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(readonly script: string) {}

  run(invocation: GitInvocation): Promise<GitResult> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise<GitResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, invocation } satisfies GitWorkerRequest);
    });
  }

  /** Ends the worker; calls still in hand fail. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.lost(worker, new Error('the git worker was stopped'));
    await worker.terminate();
  }

  private start(): Worker {
    // SHARE_ENV: the environment git sees follows this process's, as it would if spawned here.
    const worker = new Worker(this.script, { env: SHARE_ENV });
    worker.unref();
    worker.on('message', (reply: GitWorkerReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`the git worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: GitWorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) worker.unref();
    if ('result' in reply) pending.resolve(reply.result);
    else pending.reject(new Error(reply.error));
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const call of pending) call.reject(new Error(`${error.message}; the git call was not finished`));
  }
}
