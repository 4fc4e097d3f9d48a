import type { SwitchyardBridge } from '../../shared/contract';
import { takeAccessToken, webSocketProtocols, webSocketUrl } from './access-token';
import { alwaysOpenConnection, type ConnectionMonitor } from './connection-state';
import { getElectronBridge } from './electron-bridge';
import { WebSocketBridge } from './websocket-bridge';

interface Transport {
  bridge: SwitchyardBridge;
  connection: ConnectionMonitor;
}

let transport: Transport | null = null;

function createTransport(): Transport {
  const electron = getElectronBridge();
  if (electron) return { bridge: electron, connection: alwaysOpenConnection };
  const token = takeAccessToken({
    location: window.location,
    storage: sessionStorageOrNull(),
    history: window.history,
  });
  const socket = new WebSocketBridge({
    url: webSocketUrl(window.location),
    protocols: webSocketProtocols(token),
    tokenMissing: !token,
  }).start();
  return { bridge: socket, connection: socket };
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Sandboxed frames throw on access; the token then lives only as long as this page.
    return null;
  }
}

/** The one bridge of this page: Electron's preload if present, else the browser host's WebSocket. */
export function getBridge(): SwitchyardBridge {
  transport ??= createTransport();
  return transport.bridge;
}

/** The link's health, for the disconnected banner and for refetching after a reconnect. */
export function getConnection(): ConnectionMonitor {
  transport ??= createTransport();
  return transport.connection;
}
