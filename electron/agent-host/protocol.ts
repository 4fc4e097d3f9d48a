import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { FollowUp } from '../../shared/follow-ups';

/**
 * The agent host's protocol: newline-delimited JSON over two local sockets per host, one for
 * control (requests, replies, status events) and one for terminal output only, so a flood of
 * output never sits in front of a reply.
 *
 * Version 1. The handshake is frozen for every version: the client's first line is
 * `{t:'hello', v, token, role}`; the host answers `welcome` (same version), `mismatch` (another
 * version: with its version and the threads it runs, then it hangs up) or `refused` (bad token).
 * So an app can always learn which threads an older host still runs, and leave them alone.
 *
 * Added within version 1, compatibly: the requests `followUps` and `followUps.change` and the event
 * `followUps` (a thread's queue of messages for its agent, kept by the host so they are delivered
 * with no window open and survive an app restart). An app ignores events it does not know; an
 * older host answers the new requests with "unknown request", which the app words for the user.
 * Also added: `limit` (the running limit changed: queued threads start at once), `agents` (what
 * runs, with names and since when, for `switchyard agents list`) and a `reason` argument on `stop`
 * and `stopAll` (`command-line`: the threads say who stopped them). An older host ignores the
 * argument and answers the requests with "unknown request"; callers fall back.
 * Also added: `since` on the `status` event, `statusSince` on `adopt`'s live agents and on finished
 * records (when the status began, as the host saw it, so it survives an app restart); an app takes
 * the moment it hears of the change when an older host sends none.
 */
export const currentProtocol = 1;

/**
 * The version this process speaks. SWITCHYARD_AGENT_HOST_PROTOCOL makes an app (and the hosts it
 * starts, which inherit it) speak another: tests play an older Switchyard with it.
 */
export const agentHostProtocol = Number(process.env.SWITCHYARD_AGENT_HOST_PROTOCOL ?? currentProtocol);

export type Role = 'control' | 'data';

export type Hello = { t: 'hello'; v: number; token: string; role: Role; clientId?: string };
export type HelloReply =
  | { t: 'welcome'; v: number; pid: number; clientId: string; threads: string[] }
  | { t: 'mismatch'; v: number; pid: number; threads: string[] }
  | { t: 'refused'; reason: string };

/** Client → host on the control socket: requests get a `res` with the same id; notes get nothing back. */
export type ControlRequest = { t: 'req'; id: number; op: string; args: Record<string, unknown> };
export type ControlNote = { t: 'note'; op: string; args: Record<string, unknown> };
export type ControlReply =
  { t: 'res'; id: number; ok: true; value: unknown } | { t: 'res'; id: number; ok: false; error: string };
/** Host → client on the control socket, unasked. */
export type ControlEvent =
  | { t: 'status'; threadId: string; status: string; reason: string | null; exitCode: number | null; since?: string }
  /** A thread's follow-up queue changed. */
  | { t: 'followUps'; threadId: string; items: FollowUp[] }
  /** The host is going away on purpose (shutdown, its folder deleted): not a crash. */
  | { t: 'closing'; reason: string };
/** Host → client on the data socket: one batch of a thread's output for one window. */
export type DataFrame = { t: 'data'; link: string; threadId: string; start: number; data: string };

/** Where one protocol version's host of one data folder lives: sockets, token, pid, log. */
export interface AgentHostPaths {
  readonly dir: string;
  readonly control: string;
  readonly data: string;
  readonly token: string;
  readonly pid: string;
  readonly log: string;
  /** How agents ended while no app was connected, kept for the next app past the host's own exit. */
  readonly finished: string;
  /** The agents' process ids (each leads its own session and group): what an app kills if the host died under them. */
  readonly agents: string;
}

/** Unix socket paths are limited (104–108 bytes): a deeper data folder gets its sockets in a 0700 folder under /tmp. */
const maxSocketPath = 100;

export function agentHostRoot(dataDir: string): string {
  return path.join(dataDir, 'agent-host');
}

/** The socket names include the protocol version: a new app never talks to an old host by mistake. */
export function agentHostPaths(dataDir: string, protocol = agentHostProtocol): AgentHostPaths {
  const dir = path.join(agentHostRoot(dataDir), `v${protocol}`);
  const pipe = (name: string) => {
    // Windows: named pipes (owner-only by default); elsewhere Unix sockets in the 0700 folder.
    const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
    return `\\\\.\\pipe\\switchyard-agent-host-${id}-${name}`;
  };
  const windows = process.platform === 'win32';
  const id = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const socketDir =
    path.join(dir, 'control.sock').length <= maxSocketPath ? dir : path.join(os.tmpdir(), `switchyard-${uid}`, id);
  return {
    dir,
    control: windows ? pipe('control') : path.join(socketDir, 'control.sock'),
    data: windows ? pipe('data') : path.join(socketDir, 'data.sock'),
    token: path.join(dir, 'token'),
    pid: path.join(dir, 'pid'),
    log: path.join(dir, 'host.log'),
    finished: path.join(dir, 'finished.json'),
    agents: path.join(dir, 'agents.json'),
  };
}

export function writeMessage(socket: Socket, message: unknown): boolean {
  if (socket.destroyed) return false;
  return socket.write(`${JSON.stringify(message)}\n`);
}

/**
 * Calls `onMessage` with each JSON line read from `socket`. A line that is not JSON, or longer
 * than `maxLineChars()` (asked at each chunk: the host allows more once a client has said hello),
 * ends the connection: nothing a peer sends can make this hold more than that.
 */
export function readMessages(
  socket: Socket,
  onMessage: (message: Record<string, unknown>) => void,
  maxLineChars: () => number = () => Infinity,
): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    // Only the new chunk is searched: a long line arriving in many chunks is not rescanned each time.
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      if (socket.destroyed) return;
      const line = pending + chunk.slice(start, newline);
      pending = '';
      start = newline + 1;
      if (line.length > maxLineChars()) {
        socket.destroy();
        return;
      }
      if (line) {
        let message: unknown;
        try {
          message = JSON.parse(line);
        } catch {
          socket.destroy();
          return;
        }
        if (message && typeof message === 'object') onMessage(message as Record<string, unknown>);
      }
      newline = chunk.indexOf('\n', start);
    }
    pending += chunk.slice(start);
    if (pending.length > maxLineChars()) socket.destroy();
  });
}
