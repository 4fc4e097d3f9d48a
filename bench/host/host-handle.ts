import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { Thread } from '../../shared/models';
import type { Result } from '../../shared/contract';
import { onCleanup } from '../support/lifecycle';
import { hostProfilingFlags } from '../support/profiling';
import { repoRoot } from '../support/workspace';
import type { Delivery, HostCommand, HostReady, HostReply } from './host-protocol';

/** The benchmark's side of its host process (host-entry.ts). */
export class HostHandle {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: HostReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: HostReady,
  ) {
    child.on('message', (message: HostReply) => {
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  /** Starts the host with its state in `dataDir`; it is shut down when the benchmark ends. */
  static async start(dataDir: string): Promise<HostHandle> {
    // The bundles sit side by side in one folder (bench/run.mjs).
    const script = path.join(__dirname, 'bench-host.cjs');
    // --expose-gc: memory figures are taken after a full collection, not at a random point of V8's cycle.
    const child = fork(script, [dataDir, repoRoot], {
      execArgv: ['--expose-gc', ...hostProfilingFlags()],
      // The host's own output goes to stderr: stdout carries only figures.
      stdio: ['ignore', process.stderr, process.stderr, 'ipc'],
    });
    const ready = await new Promise<HostReady>((resolve, reject) => {
      child.once('message', (message: HostReady) => resolve(message));
      child.once('exit', (code) => reject(new Error(`the bench host exited with ${code} before it was ready`)));
    });
    const handle = new HostHandle(child, ready);
    onCleanup(() => handle.shutdown());
    return handle;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the bench host has no pid');
    return this.child.pid;
  }

  /** Calls a request channel of the app; throws its error. */
  async call<T>(channel: string, payload: unknown): Promise<T> {
    const result = (await this.send({ kind: 'dispatch', channel, payload })) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  }

  async openProject(repo: string): Promise<string> {
    // Enough slots that no bench thread waits in the queue.
    await this.call('settings.set', { maxRunningAgents: 64 });
    return (await this.call<{ id: string }>('projects.open', { path: repo })).id;
  }

  /** A thread running `command` (argv, no shell unless the command is one) in the `custom` profile. */
  createThread(projectId: string, name: string, command: readonly string[]): Promise<Thread> {
    return this.call<Thread>('threads.create', { projectId, name, profileId: 'custom', command });
  }

  async threads(): Promise<Thread[]> {
    return this.call<Thread[]>('threads.list', {});
  }

  deliver(threadId: string, input: string, marker: string): Promise<Delivery> {
    return this.send({ kind: 'deliver', threadId, input, marker }) as Promise<Delivery>;
  }

  /** Collects garbage in the host; returns its memory use after that. */
  gc(): Promise<NodeJS.MemoryUsage> {
    return this.send({ kind: 'gc' }) as Promise<NodeJS.MemoryUsage>;
  }

  /** The host's memory use as it is (no collection first). */
  memory(): Promise<NodeJS.MemoryUsage> {
    return this.send({ kind: 'memory' }) as Promise<NodeJS.MemoryUsage>;
  }

  async shutdown(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await Promise.race([this.send({ kind: 'shutdown' }), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  private send(command: HostCommand): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => (reply.ok ? resolve(reply.value) : reject(new Error(reply.error))));
      this.child.send({ id, command });
    });
  }
}
