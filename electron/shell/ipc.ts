import type * as Electron from 'electron';
import { ipcEventChannel, ipcRequestPrefix } from '../../shared/channel-names';
import { type EventChannel, type EventOf, requestChannels, type Result } from '../../shared/contract';
import type { ClientLink } from '../api/client-link';
import type { Dispatch } from '../api/request-router';
import { type DomainEventFeed, forwardToWindow } from '../api/window-events';
import type { ElectronApi } from './electron-api';

const untrusted: Result<never> = {
  ok: false,
  error: { kind: 'invalid-request', message: 'Request refused: it did not come from the Switchyard window.' },
};

/**
 * One ipcMain handler per contract channel, each checking who is asking before the request
 * router validates what is asked.
 */
export function wireIpc(
  ipcMain: ElectronApi['ipcMain'],
  dispatch: Dispatch,
  isTrustedSender: (frame: Electron.WebFrameMain | null) => boolean,
  linkFor: (sender: Electron.WebContents) => ClientLink,
): () => void {
  for (const channel of requestChannels) {
    ipcMain.handle(`${ipcRequestPrefix}${channel}`, (event, payload: unknown) =>
      isTrustedSender(event.senderFrame) ? dispatch(channel, payload, linkFor(event.sender)) : untrusted,
    );
  }
  return () => {
    for (const channel of requestChannels) ipcMain.removeHandler(`${ipcRequestPrefix}${channel}`);
  };
}

/**
 * The client link of a window: events meant only for it (its terminals' output) go over the
 * same event channel; when the window goes away, `onGone` releases what it held.
 */
export function clientLinkCache(onGone: (link: ClientLink) => void): (sender: Electron.WebContents) => ClientLink {
  const links = new Map<number, ClientLink>();
  return (sender) => {
    const existing = links.get(sender.id);
    if (existing) return existing;
    const link: ClientLink = {
      id: `window-${sender.id}`,
      send: (event, payload) => {
        if (!sender.isDestroyed()) sender.send(ipcEventChannel, event, payload);
      },
    };
    links.set(sender.id, link);
    sender.once('destroyed', () => {
      links.delete(sender.id);
      onGone(link);
    });
    return link;
  };
}

/** Main → renderer events over one IPC channel, the event name as first argument. */
export function forwardEvents(
  events: DomainEventFeed,
  contents: Pick<Electron.WebContents, 'send' | 'isDestroyed'>,
): () => void {
  return forwardToWindow(events, {
    send: (event, payload) => {
      if (!contents.isDestroyed()) contents.send(ipcEventChannel, event, payload);
    },
  });
}

/** One event to one window only (e.g. `app.openThread` after its notification was clicked). */
export function sendToWindow<E extends EventChannel>(
  contents: Pick<Electron.WebContents, 'send' | 'isDestroyed'>,
  event: E,
  payload: EventOf<E>,
): void {
  if (!contents.isDestroyed()) contents.send(ipcEventChannel, event, payload);
}
