import type * as Electron from 'electron';
import { ipcEventChannel, ipcRequestPrefix, requestChannels } from '../../shared/channel-names';
import type { Result } from '../../shared/contract';
import type { Dispatch } from '../api/dispatcher';
import type { EventBus } from '../api/event-bus';
import type { ElectronApi } from './electron-api';

const untrusted: Result<never> = {
  ok: false,
  error: { kind: 'invalid-request', message: 'Request refused: it did not come from the Switchyard window.' },
};

/**
 * One ipcMain handler per contract channel, each checking who is asking before the dispatcher
 * validates what is asked.
 */
export function wireIpc(
  ipcMain: ElectronApi['ipcMain'],
  dispatch: Dispatch,
  isTrustedSender: (frame: Electron.WebFrameMain | null) => boolean,
): () => void {
  for (const channel of requestChannels) {
    ipcMain.handle(`${ipcRequestPrefix}${channel}`, (event, payload: unknown) =>
      isTrustedSender(event.senderFrame) ? dispatch(channel, payload) : untrusted,
    );
  }
  return () => {
    for (const channel of requestChannels) ipcMain.removeHandler(`${ipcRequestPrefix}${channel}`);
  };
}

/** Main → renderer events over one IPC channel, the event name as first argument. */
export function forwardEvents(
  events: EventBus,
  contents: Pick<Electron.WebContents, 'send' | 'isDestroyed'>,
): () => void {
  return events.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(ipcEventChannel, event, payload);
  });
}
