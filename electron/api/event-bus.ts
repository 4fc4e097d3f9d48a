import type { EventChannel, EventOf } from '../../shared/contract';

export type EventListener = <E extends EventChannel>(event: E, payload: EventOf<E>) => void;

/** Main → renderer events; each host (Electron window, WebSocket clients) subscribes once. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
