import { attentionNotice, attentionStatuses } from '../../shared/attention';
import type { Thread, ThreadStatus } from '../../shared/models';
import type { DomainEvents } from '../../shared/domain-events';

/** The part of Electron's Notification used here; tests pass a stand-in. */
export interface DesktopNotification {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
}
export type DesktopNotificationConstructor = new (options: {
  title: string;
  body: string;
  silent?: boolean;
}) => DesktopNotification;

export interface ThreadAttentionOptions {
  readonly events: Pick<DomainEvents, 'on'>;
  /** Electron's `Notification`. */
  readonly Notification: DesktopNotificationConstructor;
  /** Electron's `app.setBadgeCount`: the dock/taskbar shows how many agents wait for input. */
  readonly setBadgeCount: (count: number) => unknown;
  /** `settings.notifications`; without it the setting is followed through `settings.updated` events. */
  readonly isEnabled?: () => boolean;
  /** While the window has focus its sidebar already shows the change: no desktop notification then. */
  readonly isWindowFocused?: () => boolean;
  /** A notification was clicked: e.g. show and focus the window. */
  readonly onClick?: (threadId: string) => void;
}

/**
 * Desktop notifications for the Electron app: one when a thread comes to need input, finishes or
 * fails (once per transition, never for a thread first seen in that state, never for a change of
 * reason alone), and the app badge kept at the number of threads waiting for input. A thread's
 * notification is withdrawn once it moves on or is removed. Returns the unsubscribe.
 */
export function notifyThreadAttention(options: ThreadAttentionOptions): () => void {
  const statusById = new Map<string, ThreadStatus>();
  const shown = new Map<string, DesktopNotification>();
  let enabledBySettings = true;
  let badge = 0;

  const withdraw = (threadId: string) => {
    shown.get(threadId)?.close();
    shown.delete(threadId);
  };

  const updateBadge = () => {
    let waiting = 0;
    for (const status of statusById.values()) if (status === 'needs-input') waiting++;
    if (waiting === badge) return;
    badge = waiting;
    options.setBadgeCount(waiting);
  };

  const onThread = (thread: Thread) => {
    const previous = statusById.get(thread.id);
    statusById.set(thread.id, thread.status);
    updateBadge();
    if (previous === thread.status) return;
    withdraw(thread.id);
    if (previous === undefined || !attentionStatuses.has(thread.status)) return;
    const enabled = options.isEnabled ? options.isEnabled() : enabledBySettings;
    if (!enabled || options.isWindowFocused?.()) return;
    const notification = new options.Notification(attentionNotice(thread));
    notification.on('click', () => options.onClick?.(thread.id));
    // Kept referenced until withdrawn: a collected notification loses its click handler.
    shown.set(thread.id, notification);
    notification.show();
  };

  const listening = [
    options.events.on('thread.updated', onThread),
    options.events.on('thread.removed', ({ threadId }) => {
      statusById.delete(threadId);
      withdraw(threadId);
      updateBadge();
    }),
    options.events.on('settings.updated', (settings) => {
      enabledBySettings = settings.notifications;
    }),
  ];
  return () => listening.forEach((stop) => stop());
}
