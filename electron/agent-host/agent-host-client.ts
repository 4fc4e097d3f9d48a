import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { type Socket, connect } from 'node:net';
import {
  type AgentHostPaths,
  type ControlEvent,
  type DataFrame,
  type HelloReply,
  type Role,
  agentHostPaths,
  agentHostProtocol,
  agentHostRoot,
  readMessages,
  writeMessage,
} from './protocol';

/** How the app starts an agent host: which binary runs which script, with what environment. */
export interface AgentHostLaunch {
  readonly execPath: string;
  readonly entry: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ClientEvents {
  onEvent(event: ControlEvent): void;
  onData(frame: DataFrame): void;
  /** The connection is gone; `expected` when the host said it was closing (or we closed it). */
  onClose(expected: boolean): void;
}

/** One app's connection to its agent host: a control socket (requests, replies, events) and a data socket (output). */
export class AgentHostClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private closed = false;
  private closingAnnounced = false;

  private constructor(
    private readonly control: Socket,
    private readonly data: Socket,
    readonly hostPid: number,
    private readonly events: ClientEvents,
  ) {
    readMessages(control, (message) => {
      if (message.t === 'res') {
        const waiter = this.pending.get(Number(message.id));
        this.pending.delete(Number(message.id));
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(new Error(String(message.error)));
        return;
      }
      if (message.t === 'closing') this.closingAnnounced = true;
      events.onEvent(message as ControlEvent);
    });
    readMessages(data, (message) => {
      if (message.t === 'data') events.onData(message as DataFrame);
    });
    const onClose = () => this.handleClose();
    control.on('close', onClose);
    data.on('close', onClose);
    control.on('error', () => control.destroy());
    data.on('error', () => data.destroy());
  }

  /** Connects to the host of `paths` with the token from its folder; null when no host of this version answers. */
  static async connect(
    paths: AgentHostPaths,
    events: ClientEvents,
    protocol = agentHostProtocol,
  ): Promise<AgentHostClient | null> {
    const token = await readFile(paths.token, 'utf8').catch(() => null);
    if (token === null) return null;
    const control = await open(paths.control);
    if (!control) return null;
    const welcome = await hello(control.socket, control.first, { token, role: 'control' }, protocol);
    if (welcome?.t !== 'welcome') {
      control.socket.destroy();
      return null;
    }
    const data = await open(paths.data);
    const dataWelcome = data
      ? await hello(data.socket, data.first, { token, role: 'data', clientId: welcome.clientId }, protocol)
      : null;
    if (!data || dataWelcome?.t !== 'welcome') {
      control.socket.destroy();
      data?.socket.destroy();
      return null;
    }
    return new AgentHostClient(control.socket, data.socket, welcome.pid, events);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  request<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the agent host is not connected'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      writeMessage(this.control, { t: 'req', id, op, args });
    });
  }

  note(op: string, args: Record<string, unknown>): void {
    if (!this.closed) writeMessage(this.control, { t: 'note', op, args });
  }

  /** Hangs up, leaving the host and its agents running. */
  close(): void {
    this.closingAnnounced = true;
    this.control.end();
    this.data.end();
    this.control.destroy();
    this.data.destroy();
  }

  private handleClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.control.destroy();
    this.data.destroy();
    for (const waiter of this.pending.values()) waiter.reject(new AgentHostGone());
    this.pending.clear();
    this.events.onClose(this.closingAnnounced);
  }
}

/** A request cut off because the connection to the agent host closed (the runtime decides what that means). */
export class AgentHostGone extends Error {
  constructor() {
    super('the agent host went away');
  }
}

async function open(
  address: string,
): Promise<{ socket: Socket; first: Promise<Record<string, unknown> | null> } | null> {
  const socket = connect(address);
  const ok = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  });
  if (!ok) {
    socket.destroy();
    return null;
  }
  // The first line is the hello reply; later lines go to the client's own reader.
  const first = new Promise<Record<string, unknown> | null>((resolve) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline === -1) return;
      socket.off('data', onData);
      socket.pause();
      const rest = buffered.slice(newline + 1);
      if (rest) socket.unshift(Buffer.from(rest, 'utf8'));
      try {
        resolve(JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>);
      } catch {
        resolve(null);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(null));
  });
  return { socket, first };
}

async function hello(
  socket: Socket,
  first: Promise<Record<string, unknown> | null>,
  fields: { token: string; role: Role; clientId?: string },
  protocol = agentHostProtocol,
): Promise<HelloReply | null> {
  writeMessage(socket, { t: 'hello', v: protocol, ...fields });
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000).unref());
  const reply = (await Promise.race([first, timeout])) as HelloReply | null;
  socket.resume();
  return reply;
}

/**
 * V8's young generation kept small (4 MB semi-spaces instead of up to 16 MB): the agent host's
 * garbage is output passing through (chunks, the emulator's parsing), dead within a scavenge, and
 * under 8 floods nobody watches a large young generation grew its RSS by ~25 MB more. 2 MB cost
 * about a fifth of the transport's throughput in more scavenges; 4 MB costs none measurable
 * (docs/performance.md, 2026-12-04). --expose-gc: the host collects in full once a burst has
 * settled (idle-collector.ts), or the burst's garbage stays resident.
 */
const agentHostV8Flags = ['--max-semi-space-size=4', '--expose-gc'];

/** Starts a detached agent host for `dataDir` (its own session and process group) and waits for it to answer. */
export async function spawnAgentHost(dataDir: string, launch: AgentHostLaunch, paths: AgentHostPaths): Promise<void> {
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  // A pid file left behind is a host that died: the new one must not be mistaken for ready by it.
  await rm(paths.pid, { force: true });
  const logFd = openSync(paths.log, 'a', 0o600);
  try {
    const child = spawn(launch.execPath, [...agentHostV8Flags, launch.entry, '--data-dir', dataDir], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, ...launch.env },
      windowsHide: true,
    });
    child.unref();
  } finally {
    closeSync(logFd);
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const token = await readFile(paths.pid, 'utf8').catch(() => null);
    if (token !== null) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the agent host did not start; see ${paths.log}`);
}

/** Whether a host of this version was running and died without ending cleanly (its pid file left behind). */
export async function hostDiedUncleanly(paths: AgentHostPaths): Promise<boolean> {
  const pid = Number(await readFile(paths.pid, 'utf8').catch(() => NaN));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  return processGone(pid);
}

/**
 * After a host died: ends whatever of its agents survived it (an agent, or a child of one, that
 * ignores the hangup its pty sends), by process group, then forgets it. A group is killed when its
 * leader still leads its own session, as an agent in a pty does, or is gone (the group may outlive
 * its leader; while it exists its id is never given to a new process). A pid now used by something
 * else entirely (not a session leader) is left alone.
 */
export async function clearDeadHost(paths: AgentHostPaths): Promise<void> {
  const pids = await readFile(paths.agents, 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => []);
  for (const pid of Array.isArray(pids) ? pids : []) {
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1) continue;
    if ((await sessionOf(pid)) === 'other') continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // no such group any more
    }
  }
  await rm(paths.agents, { force: true });
  await rm(paths.pid, { force: true });
}

/** Whether `pid` leads its own session ('leader'), is gone ('gone', zombies included) or is some other process. */
async function sessionOf(pid: number): Promise<'leader' | 'gone' | 'other'> {
  if (process.platform === 'win32') return 'other';
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) {
    try {
      process.kill(pid, 0);
      // No /proc (macOS): alive, and nothing tells whose it is.
      return process.platform === 'linux' ? 'gone' : 'leader';
    } catch {
      return 'gone';
    }
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z') return 'gone';
  return Number(fields[3]) === pid ? 'leader' : 'other';
}

/** Whether the process is gone (a zombie not yet reaped counts as gone). */
export async function processGone(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

/** Hosts of other protocol versions for this data folder that still answer: which threads each runs. */
export async function otherVersionHosts(
  dataDir: string,
): Promise<{ protocol: number; pid: number; threads: string[] }[]> {
  const names = await readdir(agentHostRoot(dataDir)).catch(() => [] as string[]);
  const found = [];
  for (const name of names) {
    const protocol = Number(/^v(\d+)$/.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(protocol) || protocol === agentHostProtocol) continue;
    const paths = agentHostPaths(dataDir, protocol);
    const token = await readFile(paths.token, 'utf8').catch(() => null);
    const control = token === null ? null : await open(paths.control);
    if (!control || token === null) continue;
    const reply = await hello(control.socket, control.first, { token, role: 'control' });
    control.socket.destroy();
    if (reply?.t === 'mismatch') found.push({ protocol: reply.v, pid: reply.pid, threads: reply.threads });
  }
  return found;
}

/**
 * Stops every agent host of `dataDir`, whatever its protocol version, with its agents, and waits
 * for each to exit: for tests' teardown and for a user who wants everything gone.
 */
export async function shutDownAgentHosts(dataDir: string): Promise<void> {
  const names = await readdir(agentHostRoot(dataDir)).catch(() => [] as string[]);
  for (const name of names) {
    const protocol = Number(/^v(\d+)$/.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(protocol)) continue;
    const idle = { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined };
    const client = await AgentHostClient.connect(agentHostPaths(dataDir, protocol), idle, protocol);
    if (!client) continue;
    await client.request('stopAll').catch(() => undefined);
    await client.request('shutdown').catch(() => undefined);
    client.close();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      try {
        process.kill(client.hostPid, 0);
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
