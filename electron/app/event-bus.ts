import type { DomainEventName, DomainEventOf, DomainEvents } from '../../shared/domain-events';

/** Hears every domain event, by name: how the windows are told them (electron/api/window-events.ts). */
export type AnyDomainEventListener = <E extends DomainEventName>(event: E, payload: DomainEventOf<E>) => void;

/**
 * The main process's internal event bus: the domain services announce through it and hear each
 * other through it (they see it as DomainEvents), and each window's transport subscribes to all
 * of it once (the Electron window, every browser tab).
 */
export class EventBus implements DomainEvents {
  private readonly listeners = new Set<AnyDomainEventListener>();

  emit<E extends DomainEventName>(event: E, payload: DomainEventOf<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  on<E extends DomainEventName>(event: E, listener: (payload: DomainEventOf<E>) => void): () => void {
    return this.subscribe((name: DomainEventName, payload: unknown) => {
      // Emitted under this name, so with this name's payload (emit's signature sees to it).
      if (name === event) listener(payload as DomainEventOf<E>);
    });
  }

  /** Every event, whatever its name. */
  subscribe(listener: AnyDomainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
