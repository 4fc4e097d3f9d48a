import type { DomainEventName, DomainEventOf } from '../../shared/domain-events';
import type { ClientLink } from './client-link';

/** Every domain event, by name: the app's event bus (electron/app/event-bus.ts) is one. */
export interface DomainEventFeed {
  subscribe(listener: <E extends DomainEventName>(event: E, payload: DomainEventOf<E>) => void): () => void;
}

/**
 * What a window is told besides the answers to its requests: every domain event, as the contract
 * event of the same name (terminal output goes only to the windows attached, through their link).
 * Returns the function that stops it.
 */
export function forwardToWindow(events: DomainEventFeed, window: Pick<ClientLink, 'send'>): () => void {
  return events.subscribe((event, payload) => window.send(event, payload));
}
