import { readFile, rm } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { FollowUp, FollowUpChange } from '../../shared/follow-ups';
import { olderAgentHostPollMs } from '../../shared/limits';
import type { HookEventKind } from '../hooks/hook-protocol';
import type { TerminalViewer } from '../terminals/terminal-viewer';
import {
  type AgentAdoption,
  type AgentRuntime,
  type FinishedAgent,
  agentHostLostReason,
} from '../threads/agent-runtime';
import type { LaunchPlan, LiveAgent, RuntimeEvents } from '../threads/thread-runtime';
import {
  type AgentHostLaunch,
  AgentHostClient,
  AgentHostGone,
  clearDeadHost,
  hostDiedUncleanly,
  otherVersionHosts,
  spawnAgentHost,
} from './agent-host-client';
import { QueuedReporter } from './queued-reporter';
import { agentHostPaths, type ControlEvent, type DataFrame } from './protocol';
import { sharedStatusClock } from '../status/status-clock';

const finalStatuses = new Set(['done', 'failed', 'stopped']);

/** Settings' "stuck after", as this process's status clock holds it (SettingsService keeps it in step). */
const stuckSetting = () => ({ stuckAfterMs: sharedStatusClock.stuckAfterMs });

export interface RemoteRuntimeOptions {
  readonly dataDir: string;
  readonly launch: AgentHostLaunch;
  readonly maxRunning: () => number;
  readonly log: (message: string) => void;
}

/**
 * The agents as the app sees them when they run in the agent host (agent-host-server.ts): every
 * call goes over the control socket, output comes back on the data socket to the windows attached.
 * Started on first need; adopted at start when one already runs; when it dies under running agents,
 * their threads say so and the next start gets a new host.
 */
export class RemoteRuntime implements AgentRuntime {
  private client: AgentHostClient | null = null;
  private connecting: Promise<AgentHostClient> | null = null;
  /** Last status the host reported per thread that is not over yet. */
  private readonly active = new Map<string, string>();
  private readonly links = new Map<string, TerminalViewer>();
  /** What each window's connection still holds, told to the host while output is on its way. */
  private readonly queued = new QueuedReporter((link, bytes) => this.client?.note('queued', { link, bytes }));
  /** The size each thread's pane last asked for. */
  private readonly sizes = new Map<string, { cols: number; rows: number }>();
  /** Each start until the host has taken it (it may first have to be started itself). */
  private readonly starting = new Map<string, Promise<unknown>>();
  /** Threads whose agents run in an older Switchyard's agent host, by its protocol version: watched until they end. */
  private readonly inOlderHost = new Map<string, { protocol: number; misses: number }>();
  private olderHostTimer: NodeJS.Timeout | null = null;
  private olderHostCheck: Promise<void> | null = null;
  private readonly paths;

  constructor(
    private readonly options: RemoteRuntimeOptions,
    private readonly events: RuntimeEvents,
  ) {
    this.paths = agentHostPaths(options.dataDir);
  }

  /** The host's process id while connected (tests, benchmarks). */
  get hostPid(): number | null {
    return this.client?.isOpen ? this.client.hostPid : null;
  }

  async adopt(): Promise<AgentAdoption> {
    const elsewhere = new Map<string, string>();
    for (const host of await otherVersionHosts(this.options.dataDir)) {
      this.options.log(
        `[switchyard] an agent host of an older Switchyard (protocol v${host.protocol}, pid ${host.pid}) still runs ${host.threads.length} agent(s); they keep running until they exit, new agents start in a new agent host`,
      );
      for (const threadId of host.threads) {
        elsewhere.set(threadId, olderHostReason(host.pid));
        this.inOlderHost.set(threadId, { protocol: host.protocol, misses: 0 });
      }
    }
    this.watchOlderHosts();
    const client = await this.tryConnect();
    if (!client) {
      const hostLost = await hostDiedUncleanly(this.paths);
      if (hostLost) await clearDeadHost(this.paths);
      const finished = await readFinishedFile(this.paths.finished);
      await rm(this.paths.finished, { force: true });
      return { live: [], finished, hostLost, elsewhere };
    }
    const adopted = await client.request<{ live: LiveAgent[]; finished: FinishedAgent[] }>('adopt');
    // An older host of this protocol version keeps no moment: unknown, the thread's own is kept.
    const live = adopted.live.map((agent) => ({ ...agent, statusSince: agent.statusSince ?? null }));
    for (const agent of live) this.active.set(agent.threadId, agent.status);
    return { live, finished: adopted.finished, hostLost: false, elsewhere };
  }

  start(plan: LaunchPlan): void {
    this.active.set(plan.threadId, 'starting');
    const started = this.connected().then((client) =>
      client.request('start', { plan, maxRunning: this.options.maxRunning(), ...stuckSetting() }),
    );
    this.starting.set(plan.threadId, started);
    void started
      .finally(() => {
        if (this.starting.get(plan.threadId) === started) this.starting.delete(plan.threadId);
      })
      .catch((error: unknown) => {
        // The host died with the start under way: the thread stays active, so the lost-host
        // check after the closed connection says what happened (and ends what it started).
        if (error instanceof AgentHostGone) return;
        this.active.delete(plan.threadId);
        this.events.onStatus(
          plan.threadId,
          { status: 'failed', reason: `could not start the agent host: ${String(error)}` },
          null,
          now(),
        );
      });
  }

  isRunning(threadId: string): boolean {
    const status = this.active.get(threadId);
    return status !== undefined && status !== 'queued';
  }

  isQueued(threadId: string): boolean {
    return this.active.get(threadId) === 'queued';
  }

  async startNow(threadId: string): Promise<boolean> {
    if (!this.isQueued(threadId) || !this.client?.isOpen) return false;
    try {
      return (await this.client.request<boolean>('startNow', { threadId })) === true;
    } catch (error) {
      // `startNow` was added within protocol version 1: an agent host of an older Switchyard lacks it.
      if (!/unknown request/.test(String(error))) throw error;
      throw new AppError(
        'invalid-request',
        'The agent host running now is from an older Switchyard and cannot start a queued thread early; it starts when a slot frees up, or once the older agents have ended.',
      );
    }
  }

  /** Tells the host the new limit (it starts queued threads at once); an older host without `limit` learns it at the next start. */
  limitChanged(): void {
    if (!this.client?.isOpen) return;
    this.client
      .request('limit', { maxRunning: this.options.maxRunning(), ...stuckSetting() })
      .catch((error: unknown) => {
        this.options.log(`[switchyard] the agent host did not take the new agent limit: ${String(error)}`);
      });
  }

  write(threadId: string, data: string): boolean {
    if (!this.isRunning(threadId) || !this.client) return false;
    this.client.note('write', { threadId, data });
    return true;
  }

  sendMessage(threadId: string, text: string): boolean {
    if (!this.isRunning(threadId) || !this.client) return false;
    void this.client.request('sendMessage', { threadId, text }).catch(() => undefined);
    return true;
  }

  /** The host keeps each thread's queue: delivered with no window open, and still there after a restart. */
  async followUps(threadId: string): Promise<FollowUp[]> {
    if (!this.client?.isOpen) return [];
    return this.followUpRequest<FollowUp[]>(this.client, 'followUps', { threadId });
  }

  async changeFollowUps(threadId: string, change: FollowUpChange): Promise<FollowUp[]> {
    const client = await this.connected();
    return this.followUpRequest<FollowUp[]>(client, 'followUps.change', { threadId, change });
  }

  private async followUpRequest<T>(client: AgentHostClient, op: string, args: Record<string, unknown>): Promise<T> {
    try {
      return await client.request<T>(op, args);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (/unknown request/.test(message)) {
        throw new AppError(
          'invalid-request',
          'The agent host running now is from an older Switchyard and has no follow-up queue; it is replaced once its agents have ended (stop them, then send again).',
        );
      }
      if (/no longer waiting|not running/.test(message)) throw new AppError('invalid-request', message);
      throw error;
    }
  }

  resize(threadId: string, cols: number, rows: number): boolean {
    this.sizes.set(threadId, { cols, rows });
    this.client?.note('resize', { threadId, cols, rows });
    return this.isRunning(threadId);
  }

  hookEvent(threadId: string, kind: HookEventKind, message: string | null): void {
    this.client?.note('hookEvent', { threadId, kind, message });
  }

  async attach(threadId: string, link: TerminalViewer): Promise<{ data: string; end: number }> {
    const client = await this.connected();
    // The pane sized itself before attaching, perhaps before any host ran: the snapshot is drawn at that size.
    const size = this.sizes.get(threadId);
    if (size) client.note('resize', { threadId, ...size });
    this.links.set(link.id, link);
    this.queued.add(link);
    return client.request<{ data: string; end: number }>('attach', { threadId, link: link.id });
  }

  detach(threadId: string, linkId: string): boolean {
    if (!this.client || !this.links.has(linkId)) return false;
    this.client.note('detach', { threadId, link: linkId });
    return true;
  }

  ack(threadId: string, linkId: string, chars: number): void {
    this.client?.note('ack', { threadId, link: linkId, chars });
  }

  disconnect(linkId: string): void {
    if (!this.links.delete(linkId)) return;
    this.queued.remove(linkId);
    this.client?.note('disconnect', { link: linkId });
  }

  async stop(threadId: string): Promise<void> {
    const older = this.inOlderHost.get(threadId);
    if (older) return this.stopInOlderHost(threadId, older.protocol);
    // A stop right after the start (the host perhaps still starting) goes out once the start is done, never before it.
    await this.starting.get(threadId)?.catch(() => undefined);
    if (!this.client?.isOpen) return;
    await this.client.request('stop', { threadId });
  }

  async discard(threadId: string): Promise<void> {
    this.sizes.delete(threadId);
    const client = await this.connected();
    await client.request('discard', { threadId });
  }

  /** Stops every agent, then the host itself (a no-op once the agents were released to keep running). */
  async stopAll(): Promise<void> {
    this.stopWatchingOlderHosts();
    this.queued.stop();
    // Only the host this app is connected to: after release() (agents kept running) there is none.
    const client = this.client?.isOpen ? this.client : null;
    if (!client) return;
    await client.request('stopAll').catch(() => undefined);
    await client.request('shutdown').catch(() => undefined);
    client.close();
    this.client = null;
    // Gone before this resolves: a caller that deletes the data folder next races nothing.
    const deadline = Date.now() + 5_000;
    while (processAlive(client.hostPid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Hangs up and leaves the agents running in the host, for the next start to adopt. */
  release(): Promise<void> {
    this.stopWatchingOlderHosts();
    this.queued.stop();
    this.client?.close();
    this.client = null;
    return Promise.resolve();
  }

  /** A debugging and test view of the host's screen mirror for a thread. */
  async screen(threadId: string): Promise<{ lines: string[]; cols: number; rows: number } | null> {
    const client = await this.connected();
    return client.request('screen', { threadId });
  }

  private connected(): Promise<AgentHostClient> {
    if (this.client?.isOpen) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const existing = await this.tryConnect();
      if (existing) return existing;
      await clearDeadHost(this.paths);
      await spawnAgentHost(this.options.dataDir, this.options.launch, this.paths);
      const client = await this.tryConnect();
      if (!client) throw new Error(`the agent host started but does not answer; see ${this.paths.log}`);
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async tryConnect(): Promise<AgentHostClient | null> {
    if (this.client?.isOpen) return this.client;
    const client = await AgentHostClient.connect(this.paths, {
      onEvent: (event) => this.onEvent(event),
      onData: (frame) => this.onData(frame),
      onClose: (expected) => this.onClose(client, expected),
    });
    if (client) this.client = client;
    return client;
  }

  private onEvent(event: ControlEvent): void {
    if (event.t === 'followUps') this.events.onFollowUps?.(event.threadId, event.items);
    if (event.t !== 'status') return;
    if (finalStatuses.has(event.status)) this.active.delete(event.threadId);
    else this.active.set(event.threadId, event.status);
    this.events.onStatus(
      event.threadId,
      { status: event.status as LiveAgent['status'], reason: event.reason },
      event.exitCode,
      // An older host sends no moment: the change is a moment old at most.
      event.since ?? now(),
    );
  }

  private onData(frame: DataFrame): void {
    const link = this.links.get(frame.link);
    if (!link) return;
    link.send('terminal.data', { threadId: frame.threadId, start: frame.start, data: frame.data });
    this.queued.sent(link.id);
  }

  private onClose(client: AgentHostClient | null, expected: boolean): void {
    if (client && this.client !== client) return;
    this.client = null;
    if (expected) return;
    void this.afterLostConnection();
  }

  /** The connection broke without a goodbye: if the host died, its threads say so and none of its agents survives it. */
  private async afterLostConnection(): Promise<void> {
    // The socket may close a moment before the process is gone.
    const deadline = Date.now() + 10_000;
    while (!(await hostDiedUncleanly(this.paths))) {
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.options.log('[switchyard] the agent host stopped unexpectedly');
    await clearDeadHost(this.paths);
    for (const threadId of [...this.active.keys()]) {
      this.active.delete(threadId);
      this.events.onStatus(threadId, { status: 'failed', reason: agentHostLostReason }, null, now());
    }
  }

  /**
   * Records the end of each agent left in an older Switchyard's agent host: that host is asked every
   * olderAgentHostPollMs which agents it still runs (the frozen handshake answers even across
   * versions); one it no longer runs ended, as its finished record says (or, if the host died, lost).
   */
  private watchOlderHosts(): void {
    if (this.olderHostTimer || this.inOlderHost.size === 0) return;
    this.olderHostTimer = setInterval(() => void this.checkOlderHostsOnce(), olderAgentHostPollMs);
    this.olderHostTimer.unref();
  }

  /**
   * Stops an agent that runs in an older Switchyard's agent host, through that host (its handshake is
   * frozen and `stop` is as old as the protocol), and records the stop before returning; Resume then
   * starts it again in this Switchyard's host.
   */
  private async stopInOlderHost(threadId: string, protocol: number): Promise<void> {
    const older = await AgentHostClient.connect(
      agentHostPaths(this.options.dataDir, protocol),
      { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined },
      protocol,
    );
    if (older) {
      try {
        await older.request('stop', { threadId });
      } catch (error) {
        throw new AppError(
          'internal',
          `Could not stop the agent in the older Switchyard's agent host (pid ${older.hostPid}): ${(error as Error).message}. Stop it with that Switchyard, or end the process.`,
        );
      } finally {
        older.close();
      }
    }
    const deadline = Date.now() + 5_000;
    while (this.inOlderHost.has(threadId) && Date.now() < deadline) {
      await this.checkOlderHostsOnce();
      if (this.inOlderHost.has(threadId)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private checkOlderHostsOnce(): Promise<void> {
    this.olderHostCheck ??= this.checkOlderHosts()
      .catch((error: unknown) =>
        this.options.log(`[switchyard] could not check the older agent host: ${String(error)}`),
      )
      .finally(() => {
        this.olderHostCheck = null;
      });
    return this.olderHostCheck;
  }

  private stopWatchingOlderHosts(): void {
    if (this.olderHostTimer) clearInterval(this.olderHostTimer);
    this.olderHostTimer = null;
  }

  private async checkOlderHosts(): Promise<void> {
    const hosts = await otherVersionHosts(this.options.dataDir);
    const running = new Set(hosts.flatMap((host) => host.threads));
    const answering = new Set(hosts.map((host) => host.protocol));
    for (const [threadId, watched] of [...this.inOlderHost]) {
      if (running.has(threadId)) continue;
      const paths = agentHostPaths(this.options.dataDir, watched.protocol);
      const finished = (await readFinishedFile(paths.finished)).find((agent) => agent.threadId === threadId);
      // A host that still answers writes its record a moment after the agent leaves its list: ask again.
      if (!finished && answering.has(watched.protocol) && ++watched.misses < 3) continue;
      this.inOlderHost.delete(threadId);
      if (finished) {
        this.events.onStatus(
          threadId,
          { status: finished.status as LiveAgent['status'], reason: finished.reason },
          finished.exitCode,
          finished.statusSince ?? now(),
        );
      } else if (await hostDiedUncleanly(paths)) {
        await clearDeadHost(paths);
        this.events.onStatus(threadId, { status: 'failed', reason: agentHostLostReason }, null, now());
      } else {
        this.events.onStatus(threadId, { status: 'failed', reason: olderHostEndUnknown }, null, now());
      }
    }
    if (this.inOlderHost.size === 0) this.stopWatchingOlderHosts();
  }
}

/**
 * A thread's reason while its agent runs in an older Switchyard's agent host: this app cannot talk
 * to that host, so it says what that means for the pane.
 */
function olderHostReason(pid: number): string {
  return `running in an older Switchyard's agent host (pid ${pid}): no live output or input here; its end is recorded when it exits`;
}

const olderHostEndUnknown =
  "ended in an older Switchyard's agent host, which kept no record of how — resume to continue";

async function readFinishedFile(file: string): Promise<FinishedAgent[]> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as FinishedAgent[]) : [];
  } catch {
    return [];
  }
}

const now = () => new Date().toISOString();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
