import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Electron from 'electron';
import { describeQuit } from '../app/agent-lifetime';
import { acquireInstanceLock, type InstanceLock, InstanceLockedError } from '../app/instance-lock';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { version } from '../app/version';
import type { ElectronApi } from './electron-api';
import { clientLinkCache, forwardEvents, sendToWindow, wireIpc } from './ipc';
import { notifyThreadAttention } from './notifications';
import { askQuitChoice } from './quit-dialog';
import { createMainWindow } from './window';

export interface ShellPaths {
  /** The dist/ folder with preload.cjs, demo-agent.cjs and renderer/. */
  readonly distDir: string;
}

/**
 * Boots the desktop app: one instance (a second one hands over to the first and quits), the
 * services, IPC, the window, and a quit that keeps or stops the agents as the user says.
 */
export function startElectronShell(electron: ElectronApi, paths: ShellPaths, argv: string[]): void {
  if (!electron.app.requestSingleInstanceLock()) {
    // The running instance gets 'second-instance' and comes to the front.
    electron.app.quit();
    return;
  }
  const indexHtml = path.join(paths.distDir, 'renderer', 'index.html');
  const indexUrl = pathToFileURL(indexHtml).href;
  const isAppUrl = (url: string) => url.split('#')[0]?.split('?')[0] === indexUrl;
  let app: SwitchyardApp | null = null;
  let lock: InstanceLock | null = null;
  let window: Electron.BrowserWindow | null = null;
  let quitting = false;

  electron.app.on('second-instance', (_event, secondArgv: string[]) => {
    // `switchyard start --repo X` while the window is open: open X here.
    const repo = launchOptions(secondArgv.slice(1)).repo;
    if (repo && app) void app.projects.open(repo).catch((error: Error) => console.error(error.message));
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  electron.app.on('before-quit', (event) => {
    if (!app || quitting) return;
    event.preventDefault();
    quitting = true;
    const running = app;
    void (async () => {
      const choice = await askQuitChoice(electron.dialog, running).catch(() => 'keep' as const);
      console.log(`[switchyard] ${describeQuit(await running.endAgents(choice))}`);
      await (choice === 'keep' ? running.shutdownKeepingAgents() : running.shutdown());
    })()
      .catch((error: unknown) => console.error(error))
      .finally(async () => {
        await lock?.release();
        electron.app.exit(0);
      });
  });
  electron.app.on('window-all-closed', () => electron.app.quit());

  void electron.app.whenReady().then(async () => {
    const options = launchOptions(argv);
    const dataDir = electron.app.getPath('userData');
    try {
      // A `switchyard serve` on the same folder would share its state and agents with us.
      lock = await acquireInstanceLock(dataDir, { url: 'its desktop window' });
    } catch (error) {
      if (!(error instanceof InstanceLockedError)) throw error;
      await electron.dialog.showMessageBox({ type: 'error', title: 'Switchyard', message: error.message });
      electron.app.exit(1);
      return;
    }
    app = await createSwitchyardApp({
      dataDir,
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
        openFolder: async (folder) => {
          // openPath answers with an error message, empty when the folder was opened.
          const problem = await electron.shell.openPath(folder);
          if (problem) throw new Error(`Could not open ${folder}: ${problem}`);
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
    const mainWindow = createMainWindow(
      electron,
      { preload: path.join(paths.distDir, 'preload.cjs'), indexHtml },
      isAppUrl,
    );
    window = mainWindow;
    forwardEvents(app.events, mainWindow.webContents);
    const settings = app.settings;
    notifyThreadAttention({
      events: app.events,
      Notification: electron.Notification,
      setBadgeCount: (count) => electron.app.setBadgeCount(count),
      isEnabled: () => settings.get().notifications,
      isWindowFocused: () => !mainWindow.isDestroyed() && mainWindow.isFocused(),
      onClick: (threadId) => {
        if (mainWindow.isDestroyed()) return;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.show();
        mainWindow.focus();
        // The page opens the thread itself, as the browser host's notification does.
        sendToWindow(mainWindow.webContents, 'app.openThread', { threadId });
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
