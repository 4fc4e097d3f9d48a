import type {
  EventChannel,
  EventOf,
  RequestChannel,
  RequestOf,
  ResponseOf,
  Result,
  SwitchyardBridge,
} from '../../shared/contract';

type Handler = (request: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** An in-memory bridge for unit tests: canned responses per channel, and events pushed by hand. */
export class FakeBridge implements SwitchyardBridge {
  readonly calls: Array<{ channel: RequestChannel; request: unknown }> = [];
  private readonly handlers = new Map<RequestChannel, Handler>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  handle<C extends RequestChannel>(
    channel: C,
    handler: (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>,
  ): this {
    this.handlers.set(channel, handler as Handler);
    return this;
  }

  async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
    this.calls.push({ channel, request });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { kind: 'internal', message: `no fake handler for ${channel}` } };
    return (await handler(request)) as Result<ResponseOf<C>>;
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const stored = listener as (payload: unknown) => void;
    set.add(stored);
    return () => set.delete(stored);
  }

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
