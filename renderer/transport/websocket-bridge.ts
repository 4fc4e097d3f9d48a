import type {
  EventChannel,
  EventOf,
  RequestChannel,
  RequestOf,
  ResponseOf,
  Result,
  SwitchyardBridge,
} from '../../shared/contract';
import { type RequestFrame, slowConsumerCloseCode, tokenRefusedCloseCode } from '../../shared/wire';
import type { ConnectionMonitor, ConnectionState } from './connection-state';
import { connectionLostResult, parseServerFrame } from './wire';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number): void;
}

export interface SocketHandle {
  send(text: string): void;
  close(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers, protocols: readonly string[]) => SocketHandle;

export interface WebSocketBridgeOptions {
  url: string;
  /** Offered on every connect; the access token travels here (see access-token.ts). */
  protocols?: readonly string[];
  /** The page has no access token: the host would refuse, so no socket is opened at all. */
  tokenMissing?: boolean;
  createSocket?: SocketFactory;
  /** How long a request may wait for the socket to (re)open before it fails unsent. */
  queueTimeoutMs?: number;
  /** Delay before reconnect attempt n (1-based). */
  backoffMs?: (attempt: number) => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface QueuedRequest {
  frame: RequestFrame;
  resolve: (result: Result<unknown>) => void;
  timer: unknown;
}

type Listener = (payload: unknown) => void;

function refusedResult(tokenMissing: boolean): Result<never> {
  return {
    ok: false,
    error: {
      kind: 'internal',
      message: tokenMissing
        ? 'This page has no access token: open the address Switchyard printed (it ends in ?token=…)'
        : 'Switchyard refused the access token: open the address it printed when it last started',
    },
  };
}

export function defaultBackoffMs(attempt: number): number {
  // 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s: a local host usually comes back quickly.
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt - 1));
}

export const browserSocketFactory: SocketFactory = (url, handlers, protocols) => {
  const socket = new WebSocket(url, [...protocols]);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  // `error` is always followed by `close`, so only `close` drives reconnection.
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code);
  return {
    send: (text) => socket.send(text),
    close: () => socket.close(),
  };
};

/**
 * The browser host's transport: requests and events multiplexed over one WebSocket, with requests
 * queued until the socket is open and automatic reconnection with backoff.
 */
export class WebSocketBridge implements SwitchyardBridge, ConnectionMonitor {
  private readonly url: string;
  private readonly protocols: readonly string[];
  private readonly createSocket: SocketFactory;
  private readonly queueTimeoutMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  private socket: SocketHandle | null = null;
  private socketOpen = false;
  private nextId = 1;
  private reconnectTimer: unknown = null;
  private disposed = false;
  private readonly queued: QueuedRequest[] = [];
  private readonly inFlight = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Map<EventChannel, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState;

  constructor(options: WebSocketBridgeOptions) {
    this.url = options.url;
    this.protocols = options.protocols ?? [];
    this.createSocket = options.createSocket ?? browserSocketFactory;
    this.queueTimeoutMs = options.queueTimeoutMs ?? 20_000;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.now = options.now ?? (() => Date.now());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined));
    this.state = {
      status: 'connecting',
      epoch: 0,
      failures: 0,
      retryAt: null,
      tokenMissing: options.tokenMissing ?? false,
      downSince: null,
    };
  }

  /** Opens the first socket; separate from the constructor so tests can wire things first. */
  start(): this {
    if (this.state.tokenMissing) {
      // Without a token the host refuses every socket; say so instead of retrying forever.
      this.setState({ status: 'refused', retryAt: null });
      return this;
    }
    this.connect();
    return this;
  }

  invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    return new Promise<Result<unknown>>((resolve) => {
      const frame: RequestFrame = { type: 'request', id: this.nextId++, channel, payload: request };
      if (this.disposed) {
        resolve(connectionLostResult());
      } else if (this.state.status === 'refused') {
        resolve(refusedResult(this.state.tokenMissing));
      } else if (this.socketOpen) {
        this.send(frame, resolve);
      } else {
        const entry: QueuedRequest = { frame, resolve, timer: null };
        entry.timer = this.setTimer(() => this.expireQueued(entry), this.queueTimeoutMs);
        this.queued.push(entry);
      }
      // The host answers with the contract's response type for this channel; we trust our own host.
    }) as Promise<Result<ResponseOf<C>>>;
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const stored = listener as Listener;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  getState(): ConnectionState {
    return this.state;
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  retryNow(): void {
    if (this.disposed || this.socket) return;
    if (this.reconnectTimer !== null) this.clearTimer(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connect();
  }

  dispose(): void {
    this.disposed = true;
    if (this.reconnectTimer !== null) this.clearTimer(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.socketOpen = false;
    socket?.close();
    this.failOutstanding();
    for (const entry of this.queued.splice(0)) {
      this.clearTimer(entry.timer);
      entry.resolve(connectionLostResult());
    }
  }

  private connect(): void {
    this.setState({
      status: this.state.epoch === 0 && this.state.failures === 0 ? 'connecting' : 'reconnecting',
      retryAt: null,
    });
    let handle: SocketHandle | null = null;
    // Handlers check they still belong to the current socket: a late close from an old one must not
    // tear down its replacement.
    const isCurrent = () => handle !== null && this.socket === handle;
    try {
      handle = this.createSocket(
        this.url,
        {
          onOpen: () => {
            if (isCurrent()) this.handleOpen();
          },
          onMessage: (data) => {
            if (isCurrent()) this.handleMessage(data);
          },
          onClose: (code) => {
            if (isCurrent()) this.handleClose(code);
          },
        },
        this.protocols,
      );
      this.socket = handle;
    } catch {
      // e.g. a malformed URL; treat like a failed attempt so the banner shows and we retry.
      this.socket = null;
      this.scheduleReconnect();
    }
  }

  private handleOpen(): void {
    this.socketOpen = true;
    this.setState({ status: 'open', epoch: this.state.epoch + 1, failures: 0, retryAt: null, downSince: null });
    // Send in the order the requests were made.
    for (const entry of this.queued.splice(0)) {
      this.clearTimer(entry.timer);
      this.send(entry.frame, entry.resolve);
    }
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    const frame = parseServerFrame(data);
    if (!frame) return;
    if (frame.type === 'response') {
      const resolve = this.inFlight.get(frame.id);
      if (!resolve) return;
      this.inFlight.delete(frame.id);
      resolve(frame.result);
      return;
    }
    if (frame.type === 'error') {
      // The host could not read something we sent: a bug on our side, never the user's.
      const resolve = frame.id === null ? undefined : this.inFlight.get(frame.id);
      if (!resolve) {
        console.warn(`Switchyard refused a frame: ${frame.error.message}`);
        return;
      }
      this.inFlight.delete(frame.id!);
      resolve({ ok: false, error: { kind: 'invalid-request', message: frame.error.message } });
      return;
    }
    const set = this.listeners.get(frame.event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(frame.payload);
      } catch (error) {
        // One faulty listener must not starve the others of events.
        console.error(`Listener for ${frame.event} failed`, error);
      }
    }
  }

  private handleClose(code: number): void {
    this.socket = null;
    this.socketOpen = false;
    this.failOutstanding();
    if (code === tokenRefusedCloseCode) {
      // A stale token never becomes valid again; retrying would only spin.
      this.setState({ status: 'refused', retryAt: null });
      for (const entry of this.queued.splice(0)) {
        this.clearTimer(entry.timer);
        entry.resolve(refusedResult(false));
      }
      return;
    }
    if (code === slowConsumerCloseCode) {
      // This tab fell too far behind (frozen, backgrounded): the host dropped the backlog. The
      // reconnect below opens a new epoch, and sync reloads everything (renderer/state/sync.ts).
      console.warn('Switchyard dropped this tab for leaving too much output unread; reconnecting.');
    }
    if (!this.disposed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    // Retries never give up and always offer the same token: a restarted host on the same data
    // folder listens on the same port with the same token, so the tab comes back by itself.
    const failures = this.state.failures + 1;
    const delay = this.backoffMs(failures);
    const now = this.now();
    this.setState({ status: 'reconnecting', failures, retryAt: now + delay, downSince: this.state.downSince ?? now });
    this.reconnectTimer = this.setTimer(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private send(frame: RequestFrame, resolve: (result: Result<unknown>) => void): void {
    const socket = this.socket;
    if (!socket) {
      resolve(connectionLostResult());
      return;
    }
    this.inFlight.set(frame.id, resolve);
    try {
      socket.send(JSON.stringify(frame));
    } catch {
      this.inFlight.delete(frame.id);
      resolve(connectionLostResult());
    }
  }

  private failOutstanding(): void {
    const waiting = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const resolve of waiting) resolve(connectionLostResult());
  }

  private expireQueued(entry: QueuedRequest): void {
    const index = this.queued.indexOf(entry);
    if (index === -1) return;
    this.queued.splice(index, 1);
    entry.resolve({
      ok: false,
      error: { kind: 'internal', message: 'Not connected to Switchyard; the request was not sent' },
    });
  }

  private setState(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.stateListeners]) listener(this.state);
  }
}
