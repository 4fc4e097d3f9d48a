import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, unlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { type Server, type Socket, connect, createServer } from 'node:net';
import path from 'node:path';
import type { EventOf } from '../../shared/contract';
import { LatestFileWriter, writeFileAtomic, writeFileAtomicSync } from '../fs/write-file-atomic';
import type { FollowUpChange } from '../../shared/follow-ups';
import type { HookEventKind } from '../hooks/hook-protocol';
import type { TerminalViewer } from '../terminals/terminal-viewer';
import type { FinishedAgent } from '../threads/agent-runtime';
import { type LaunchPlan, type LiveAgent, ThreadRuntime } from '../threads/thread-runtime';
import type { StatusChange } from '../status/status-tracker';
import { commandLineStopReason } from '../../shared/stop-reasons';
import {
  type AgentHostPaths,
  type ControlEvent,
  type DataFrame,
  type HelloReply,
  readMessages,
  writeMessage,
} from './protocol';
import { sharedStatusClock } from '../status/status-clock';
import {
  agentHostHelloTimeoutMs,
  maxAgentHostHelloChars,
  maxAgentHostLineChars,
  maxAgentHostUnreadControlBytes,
} from '../../shared/limits';

/** The app's "stuck after" setting, sent with `start` and `limit` (an older app sends none: the default stays). */
function takeStuckSetting(args: Record<string, unknown>): void {
  const value = args.stuckAfterMs;
  if (value === null || (typeof value === 'number' && Number.isFinite(value) && value > 0))
    sharedStatusClock.stuckAfterMs = value;
}

const finalStatuses = new Set(['done', 'failed', 'stopped']);

interface Client {
  readonly id: string;
  readonly control: Socket;
  data: Socket | null;
  /** Bytes each of its windows still has queued on the app's side (reported by the app). */
  readonly queued: Map<string, number>;
  readonly links: Set<string>;
}

export interface AgentHostServerOptions {
  readonly paths: AgentHostPaths;
  readonly dataDir: string;
  readonly protocol: number;
  readonly log: (message: string) => void;
  /** Called once the host has decided to end (shutdown, its folder gone, idle); the process exits after. */
  readonly onEnd: (reason: string) => void;
  /** With no app connected and no agent running this long, the host ends. */
  readonly idleExitMs?: number;
}

/**
 * The agent host's server: owns every agent pty of one data folder (ThreadRuntime: flow control,
 * batching, exit drain, logs, status screens and screen mirrors all live here), and serves apps
 * over two owner-only local sockets (protocol.ts). Agents keep running while no app is connected.
 */
export class AgentHostServer {
  private readonly runtime: ThreadRuntime;
  private readonly clients = new Map<string, Client>();
  private controlServer: Server | null = null;
  private dataServer: Server | null = null;
  private token = '';
  private maxRunning = 4;
  private readonly finished = new Map<string, FinishedAgent>();
  private nextClient = 1;
  /** Each running or queued thread's name (from its plan) and since when it runs (or waits). */
  private readonly agentInfo = new Map<string, { name: string | null; since: string; status: string }>();
  /** Threads being stopped by `switchyard agents stop`: their stop says so. */
  private readonly stoppingFromCommandLine = new Set<string>();
  private watchTimer: NodeJS.Timeout | null = null;
  private idleSince = Date.now();
  private ending = false;
  private requestListener: () => void = () => undefined;
  private readonly finishedFile: LatestFileWriter;

  constructor(private readonly options: AgentHostServerOptions) {
    this.finishedFile = new LatestFileWriter(options.paths.finished, () => JSON.stringify([...this.finished.values()]));
    this.runtime = new ThreadRuntime({
      dataDir: options.dataDir,
      maxRunning: () => this.maxRunning,
      events: {
        onStatus: (threadId, reported, exitCode, since) => {
          const change = this.noteStatus(threadId, reported);
          if (finalStatuses.has(change.status)) {
            const { status, reason } = change;
            this.finished.set(threadId, { threadId, status, reason, exitCode, statusSince: since });
            void this.saveFinished();
          }
          this.broadcast({ t: 'status', threadId, status: change.status, reason: change.reason, exitCode, since });
          this.saveAgents();
        },
        onFollowUps: (threadId, items) => this.broadcast({ t: 'followUps', threadId, items: [...items] }),
        onSpawned: () => this.saveAgents(),
      },
    });
  }

  /** Creates the 0700 folder, the 0600 token, listens on both sockets (0600) and writes the pid file. */
  async listen(): Promise<void> {
    const { paths } = this.options;
    for (const dir of new Set([paths.dir, path.dirname(paths.control)])) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      if (process.platform !== 'win32') await chmod(dir, 0o700);
    }
    if (await answers(paths.control)) throw new Error(`another agent host already serves ${paths.dir}`);
    this.token = randomBytes(32).toString('hex');
    await writeFileAtomic(paths.token, this.token);
    this.finished.clear();
    for (const agent of await readFinished(paths.finished)) this.finished.set(agent.threadId, agent);
    this.controlServer = await listenOn(paths.control, (socket) => this.acceptControl(socket));
    this.dataServer = await listenOn(paths.data, (socket) => this.acceptData(socket));
    // Whole or absent: the app takes a pid file for a host that is up (or died, if the pid is gone).
    await writeFileAtomic(paths.pid, String(process.pid));
    this.watchTimer = setInterval(() => this.watch(), 1000);
  }

  /** Stops every agent and closes; the pid file goes last (a pid file left behind means a crash). */
  async end(reason: string): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    this.options.log(`[agent-host] ending: ${reason}`);
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.broadcast({ t: 'closing', reason });
    await this.runtime.stopAll();
    await this.saveFinished();
    for (const client of this.clients.values()) {
      client.control.end();
      client.data?.end();
    }
    this.controlServer?.close();
    this.dataServer?.close();
    const { paths } = this.options;
    if (process.platform !== 'win32') {
      await unlink(paths.control).catch(() => undefined);
      await unlink(paths.data).catch(() => undefined);
    }
    await rm(paths.agents, { force: true }).catch(() => undefined);
    await rm(paths.pid, { force: true }).catch(() => undefined);
    this.options.onEnd(reason);
  }

  /** Keeps `agents`' view (since when each runs) and words a stop from the command line as such. */
  private noteStatus(threadId: string, change: StatusChange): StatusChange {
    const info = this.agentInfo.get(threadId);
    if (finalStatuses.has(change.status)) {
      this.agentInfo.delete(threadId);
      if (this.stoppingFromCommandLine.delete(threadId) && change.status === 'stopped')
        return { status: 'stopped', reason: commandLineStopReason };
      return change;
    }
    // Since it started, not since it was queued; since the first report for a thread adopted from an older record.
    if (!info) this.agentInfo.set(threadId, { name: null, since: new Date().toISOString(), status: change.status });
    else if (info.status === 'queued' && change.status !== 'queued')
      this.agentInfo.set(threadId, { ...info, since: new Date().toISOString(), status: change.status });
    else info.status = change.status;
    return change;
  }

  /**
   * Stops every agent, each reporting its stop (an app still connected sees every thread stop):
   * the queued ones first, so no slot freed by a running one starts them.
   */
  private async stopAllFromCommandLine(): Promise<void> {
    const agents = this.runtime.liveAgents();
    for (const agent of agents) this.stoppingFromCommandLine.add(agent.threadId);
    for (const agent of agents.filter((a) => a.state === 'queued')) await this.runtime.stop(agent.threadId);
    await Promise.all(agents.filter((a) => a.state === 'running').map((a) => this.runtime.stop(a.threadId)));
  }

  /** What runs and waits now, named, with since when (`switchyard agents list`). */
  private agents(): (LiveAgent & { name: string | null; since: string | null })[] {
    return this.runtime.liveAgents().map((agent) => {
      const info = this.agentInfo.get(agent.threadId);
      return { ...agent, name: info?.name ?? null, since: info?.since ?? null };
    });
  }

  /** Process ids of the agents' ptys (session and group leaders): what must die with the host. */
  agentPids(): number[] {
    return this.runtime.liveAgents().flatMap((agent) => (agent.pid === null ? [] : [agent.pid]));
  }

  private watch(): void {
    // The data folder deleted (a test's temporary folder): nobody can reach these agents any more.
    if (!existsSync(this.options.paths.token)) {
      void this.end('its folder was deleted');
      return;
    }
    const busy = this.clients.size > 0 || this.runtime.liveAgents().length > 0;
    if (busy) this.idleSince = Date.now();
    else if (Date.now() - this.idleSince >= (this.options.idleExitMs ?? 10_000))
      void this.end('idle: no app, no agents');
  }

  private acceptControl(socket: Socket): void {
    let client: Client | null = null;
    const maxLine = () => (client ? maxAgentHostLineChars : maxAgentHostHelloChars);
    const helloDue = dropUnlessHello(socket);
    readMessages(
      socket,
      (message) =>
        this.guarded(socket, () => {
          if (!client) {
            const reply = this.hello(message, 'control');
            writeMessage(socket, reply);
            if (reply.t !== 'welcome') {
              socket.end();
              return;
            }
            clearTimeout(helloDue);
            client = { id: reply.clientId, control: socket, data: null, queued: new Map(), links: new Set() };
            this.clients.set(client.id, client);
            return;
          }
          this.handle(client, message).catch((error: unknown) => this.drop(socket, error));
        }),
      maxLine,
    );
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (!client) return;
      this.clients.delete(client.id);
      for (const link of client.links) this.runtime.disconnect(link);
      client.data?.destroy();
      this.idleSince = Date.now();
    });
  }

  private acceptData(socket: Socket): void {
    let accepted = false;
    const helloDue = dropUnlessHello(socket);
    // A client sends nothing on its data socket but the hello.
    readMessages(
      socket,
      (message) =>
        this.guarded(socket, () => {
          if (accepted) return;
          const client = typeof message.clientId === 'string' ? this.clients.get(message.clientId) : undefined;
          const reply = this.hello(message, 'data');
          if (reply.t !== 'welcome' || !client) {
            writeMessage(socket, reply.t === 'welcome' ? { t: 'refused', reason: 'no such client' } : reply);
            socket.end();
            return;
          }
          accepted = true;
          clearTimeout(helloDue);
          client.data = socket;
          writeMessage(socket, { ...reply, clientId: client.id });
        }),
      () => maxAgentHostHelloChars,
    );
    socket.on('error', () => socket.destroy());
  }

  /** A message with a field of a type no handler expected ends its connection, never the host. */
  private guarded(socket: Socket, handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.drop(socket, error);
    }
  }

  private drop(socket: Socket, error: unknown): void {
    this.options.log(`[agent-host] hung up on a client after a message it could not handle: ${String(error)}`);
    socket.destroy();
  }

  private hello(message: Record<string, unknown>, role: 'control' | 'data'): HelloReply {
    if (message.t !== 'hello' || message.role !== role) return { t: 'refused', reason: 'hello first' };
    if (typeof message.token !== 'string' || message.token !== this.token) return { t: 'refused', reason: 'bad token' };
    const threads = this.runtime.liveAgents().map((agent) => agent.threadId);
    if (message.v !== this.options.protocol)
      return { t: 'mismatch', v: this.options.protocol, pid: process.pid, threads };
    // A data socket's client id is checked (and sent back) by acceptData.
    const clientId = role === 'control' ? `a${this.nextClient++}` : '';
    return { t: 'welcome', v: this.options.protocol, pid: process.pid, clientId, threads };
  }

  /** Called at each request an app makes (a start, an attach): activity, after which garbage may follow. */
  onRequest(listener: () => void): void {
    this.requestListener = listener;
  }

  private async handle(client: Client, message: Record<string, unknown>): Promise<void> {
    this.requestListener();
    const args = isObject(message.args) ? message.args : {};
    const op = typeof message.op === 'string' ? message.op : '';
    if (message.t === 'note') {
      try {
        this.note(client, op, args);
      } catch (error) {
        this.options.log(`[agent-host] note ${op} failed: ${String(error)}`);
      }
      return;
    }
    if (message.t !== 'req') return;
    const id = typeof message.id === 'number' ? message.id : null;
    try {
      const value = await this.request(client, op, args);
      this.sendControl(client, { t: 'res', id, ok: true, value: value ?? null });
    } catch (error) {
      this.sendControl(client, { t: 'res', id, ok: false, error: (error as Error).message ?? String(error) });
    }
  }

  private note(client: Client, op: string, args: Record<string, unknown>): void {
    const threadId = String(args.threadId);
    const link = `${client.id}:${String(args.link)}`;
    switch (op) {
      case 'write':
        this.runtime.write(threadId, String(args.data));
        return;
      case 'resize':
        this.runtime.resize(threadId, Number(args.cols), Number(args.rows));
        return;
      case 'ack':
        this.runtime.ack(threadId, link, Number(args.chars));
        return;
      case 'queued':
        client.queued.set(link, Number(args.bytes) || 0);
        return;
      case 'detach':
        this.runtime.detach(threadId, link);
        return;
      case 'disconnect':
        client.links.delete(link);
        client.queued.delete(link);
        this.runtime.disconnect(link);
        return;
      case 'hookEvent':
        this.runtime.hookEvent(threadId, args.kind as HookEventKind, (args.message as string | null) ?? null);
        return;
      default:
        throw new Error(`unknown note ${op}`);
    }
  }

  private async request(client: Client, op: string, args: Record<string, unknown>): Promise<unknown> {
    const threadId = String(args.threadId);
    switch (op) {
      case 'start': {
        const plan = args.plan as LaunchPlan;
        this.maxRunning = Number(args.maxRunning) || this.maxRunning;
        takeStuckSetting(args);
        this.finished.delete(plan.threadId);
        this.agentInfo.set(plan.threadId, {
          name: plan.threadName ?? null,
          since: new Date().toISOString(),
          status: 'starting',
        });
        this.runtime.start(plan);
        this.saveAgents();
        return { pid: this.runtime.liveAgents().find((agent) => agent.threadId === plan.threadId)?.pid ?? null };
      }
      case 'attach': {
        const link = String(args.link);
        const viewer = this.viewer(client, link);
        client.links.add(viewer.id);
        return this.runtime.attach(threadId, viewer);
      }
      case 'startNow': {
        const started = await this.runtime.startNow(threadId);
        this.saveAgents();
        return started;
      }
      case 'limit':
        this.maxRunning = Number(args.maxRunning) || this.maxRunning;
        takeStuckSetting(args);
        this.runtime.limitChanged();
        this.saveAgents();
        return null;
      case 'sendMessage':
        return this.runtime.sendMessage(threadId, String(args.text));
      case 'followUps':
        return this.runtime.followUps(threadId);
      case 'followUps.change':
        return this.runtime.changeFollowUps(threadId, args.change as FollowUpChange);
      case 'stop':
        if (args.reason === 'command-line' && this.runtime.liveAgents().some((a) => a.threadId === threadId))
          this.stoppingFromCommandLine.add(threadId);
        return this.runtime.stop(threadId);
      case 'discard':
        this.finished.delete(threadId);
        await this.runtime.discard(threadId);
        return this.saveFinished();
      case 'stopAll':
        if (args.reason === 'command-line') return this.stopAllFromCommandLine();
        return this.runtime.stopAll();
      case 'agents':
        return this.agents();
      case 'adopt':
        return { live: this.runtime.liveAgents(), finished: [...this.finished.values()] };
      case 'screen':
        return this.runtime.screenLines(threadId);
      case 'shutdown':
        setImmediate(() => void this.end('asked to shut down'));
        return null;
      case 'ping':
        return { pid: process.pid, agents: this.agentPids() };
      default:
        throw new Error(`unknown request ${op}`);
    }
  }

  /** A window of a client, as a thread's terminal stream sees it: output goes out on the client's data socket. */
  private viewer(client: Client, link: string): TerminalViewer {
    return {
      id: `${client.id}:${link}`,
      send: (_event, payload: EventOf<'terminal.data'>) => {
        const frame: DataFrame = { t: 'data', link, ...payload };
        if (client.data) writeMessage(client.data, frame);
      },
      // What waits in this socket plus what waits in the app for the window: flow control sees both.
      queuedBytes: () => (client.data?.writableLength ?? 0) + (client.queued.get(`${client.id}:${link}`) ?? 0),
    };
  }

  private broadcast(event: ControlEvent): void {
    for (const client of this.clients.values()) this.sendControl(client, event);
  }

  /** A client that has stopped reading is hung up on rather than have its answers pile up here. */
  private sendControl(client: Client, message: unknown): void {
    writeMessage(client.control, message);
    if (client.control.writableLength <= maxAgentHostUnreadControlBytes) return;
    this.options.log(`[agent-host] ${client.id} left over 32 MB of answers unread; hung up on it`);
    client.control.destroy();
  }

  /**
   * The agents' pids on disk, so an app that finds this host dead can make sure none survived it.
   * Written in one step before anything else runs (a few hundred bytes, at each start and status
   * change): a pid anyone has seen is already listed, so a host killed at any moment leaves no
   * agent unlisted, and writes land in order.
   */
  private saveAgents(): void {
    try {
      writeFileAtomicSync(this.options.paths.agents, JSON.stringify(this.agentPids()));
    } catch (error) {
      this.options.log(`[agent-host] could not record the agents' pids: ${(error as Error).message}`);
    }
  }

  private saveFinished(): Promise<void> {
    return this.finishedFile.write();
  }
}

/** Ends `socket` unless a welcome clears the timer in time: counted from the connection, not from its last byte. */
function dropUnlessHello(socket: Socket): NodeJS.Timeout {
  const timer = setTimeout(() => socket.destroy(), agentHostHelloTimeoutMs);
  socket.once('close', () => clearTimeout(timer));
  return timer;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function readFinished(file: string): Promise<FinishedAgent[]> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as FinishedAgent[]) : [];
  } catch {
    return [];
  }
}

/** Whether something answers on `address` (a live host; a stale socket file refuses). */
export function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function listenOn(address: string, accept: (socket: Socket) => void): Promise<Server> {
  if (process.platform !== 'win32') await unlink(address).catch(() => undefined);
  const server = createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => resolve());
  });
  if (process.platform !== 'win32') await chmod(address, 0o600);
  return server;
}
