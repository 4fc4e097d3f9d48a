import type * as Electron from 'electron';
import type { DesktopNotificationConstructor } from './notifications';

/**
 * The slice of Electron the shell uses. The shell takes it as a parameter, so unit tests can
 * hand it a minimal stand-in and check window options and IPC wiring without Electron.
 */
export interface ElectronApi {
  readonly app: Pick<
    Electron.App,
    'whenReady' | 'on' | 'getPath' | 'quit' | 'exit' | 'getVersion' | 'setBadgeCount' | 'requestSingleInstanceLock'
  >;
  readonly BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => Electron.BrowserWindow;
  readonly ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  readonly dialog: Pick<Electron.Dialog, 'showOpenDialog' | 'showMessageBox'>;
  readonly Notification: DesktopNotificationConstructor;
  /** Shows a thread's worktree in the system's file manager ("Open folder"). */
  readonly shell: Pick<Electron.Shell, 'openPath'>;
}
