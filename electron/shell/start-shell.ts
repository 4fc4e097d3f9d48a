import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { version } from '../app/version';
import type { ElectronApi } from './electron-api';
import { clientLinkCache, forwardEvents, wireIpc } from './ipc';
import { notifyThreadAttention } from './notifications';
import { createMainWindow } from './window';

export interface ShellPaths {
  /** The dist/ folder with preload.cjs, demo-agent.cjs and renderer/. */
  readonly distDir: string;
}

/** Boots the desktop app: services, IPC, the window, and a quit that leaves no agent behind. */
export function startElectronShell(electron: ElectronApi, paths: ShellPaths, argv: string[]): void {
  const indexHtml = path.join(paths.distDir, 'renderer', 'index.html');
  const indexUrl = pathToFileURL(indexHtml).href;
  const isAppUrl = (url: string) => url.split('#')[0]?.split('?')[0] === indexUrl;
  let app: SwitchyardApp | null = null;
  let quitting = false;

  electron.app.on('before-quit', (event) => {
    if (!app || quitting) return;
    event.preventDefault();
    quitting = true;
    void app.shutdown().finally(() => electron.app.exit(0));
  });
  electron.app.on('window-all-closed', () => electron.app.quit());

  void electron.app.whenReady().then(async () => {
    const options = launchOptions(argv);
    app = await createSwitchyardApp({
      dataDir: electron.app.getPath('userData'),
      distDir: paths.distDir,
      version,
      nodeExecutable: process.execPath,
      host: {
        kind: 'electron',
        pickFolder: async () => {
          const result = await electron.dialog.showOpenDialog({
            title: 'Open a git repository',
            properties: ['openDirectory'],
          });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
      },
    });
    if (options.repo) await app.projects.open(options.repo).catch((error: Error) => console.error(error.message));
    const running = app;
    wireIpc(
      electron.ipcMain,
      app.dispatch,
      (frame) => frame !== null && isAppUrl(frame.url),
      clientLinkCache((link) => running.disconnect(link)),
    );
    const window = createMainWindow(
      electron,
      { preload: path.join(paths.distDir, 'preload.cjs'), indexHtml },
      isAppUrl,
    );
    forwardEvents(app.events, window.webContents);
    const settings = app.settings;
    notifyThreadAttention({
      events: app.events,
      Notification: electron.Notification,
      setBadgeCount: (count) => electron.app.setBadgeCount(count),
      isEnabled: () => settings.get().notifications,
      isWindowFocused: () => !window.isDestroyed() && window.isFocused(),
      onClick: () => {
        window.show();
        window.focus();
      },
    });
    if (options.demo) await app.dispatch('demo.start', {});
  });
}

function launchOptions(argv: string[]): { repo?: string | undefined; demo?: boolean | undefined } {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: { repo: { type: 'string' }, demo: { type: 'boolean' } },
  });
  return { repo: typeof values.repo === 'string' ? values.repo : undefined, demo: values.demo === true };
}
