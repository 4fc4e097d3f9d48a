// Runs sandboxed in the window before the page: exposes the contract's bridge and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  bridgeGlobalName,
  ipcEventChannel,
  ipcRequestPrefix,
  isEventChannel,
  isRequestChannel,
} from '../shared/channel-names';
import type { SwitchyardBridge } from '../shared/contract';

const bridge: SwitchyardBridge = {
  invoke(channel, request) {
    if (!isRequestChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'invalid-request', message: `Unknown channel ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(`${ipcRequestPrefix}${channel}`, request);
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new Error(`Unknown event ${String(event)}`);
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
