import type * as Electron from 'electron';
import type { ElectronApi } from './electron-api';

export interface WindowPaths {
  readonly preload: string;
  readonly indexHtml: string;
}

/** The renderer gets no Node, its own JS world, the OS sandbox, and only the preload's bridge. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(paths: WindowPaths): Electron.BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    title: 'Switchyard',
    backgroundColor: '#16181d',
    show: false,
    webPreferences: secureWebPreferences(paths.preload),
  };
}

/**
 * No navigation away from the app, no new windows, no <webview>, and no permissions beyond
 * notifications: whatever an agent prints, the window stays the app.
 */
export function hardenWebContents(contents: Electron.WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'notifications'),
  );
}

export function createMainWindow(
  electron: ElectronApi,
  paths: WindowPaths,
  isAppUrl: (url: string) => boolean,
): Electron.BrowserWindow {
  const window = new electron.BrowserWindow(mainWindowOptions(paths));
  hardenWebContents(window.webContents, isAppUrl);
  window.once('ready-to-show', () => window.show());
  void window.loadFile(paths.indexHtml);
  return window;
}
