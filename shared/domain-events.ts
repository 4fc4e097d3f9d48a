import type { EventChannel, EventOf } from './contract';

/**
 * What the main process's services announce: a thread changed or went away, a project or the
 * settings changed, a review or a merge queue moved. Each is also a contract event with the same
 * payload: the windows are told all of them (electron/api/window-events.ts). A terminal's output
 * is not among them: it goes only to the windows attached to that terminal
 * (electron/terminals/terminal-viewer.ts).
 */
export type DomainEventName = Exclude<EventChannel, 'terminal.data' | WindowOnlyEvent>;
/** Said by the desktop shell to its own window, never by a service: not on the event bus. */
type WindowOnlyEvent = 'app.openThread';
export type DomainEventOf<E extends DomainEventName> = EventOf<E>;

/**
 * How a domain service announces its events and hears others' (the merge queue recomputes when
 * a thread is updated), each by name with its own payload type. The app's event bus
 * (electron/app/event-bus.ts) is the one implementation.
 */
export interface DomainEvents {
  emit<E extends DomainEventName>(event: E, payload: DomainEventOf<E>): void;
  /** Calls `listener` with each `event` until the returned function is called. */
  on<E extends DomainEventName>(event: E, listener: (payload: DomainEventOf<E>) => void): () => void;
}
