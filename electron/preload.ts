// Runs sandboxed in the window before the page: exposes the contract's bridge and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// The allow-list is the contract's channel names, put in at build time: no zod, no schemas here.
import {
  bridgeGlobalName,
  ipcEventChannel,
  ipcRequestPrefix,
  isEventChannelName,
  isRequestChannelName,
} from '../shared/channel-names';
import type { SwitchyardBridge } from '../shared/contract';

const bridge: SwitchyardBridge = {
  invoke(channel, request) {
    if (!isRequestChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'invalid-request', message: `Unknown channel ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(`${ipcRequestPrefix}${channel}`, request);
  },
  on(event, listener) {
    if (!isEventChannelName(event)) throw new Error(`Unknown event ${String(event)}`);
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(ipcEventChannel, handler);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);
