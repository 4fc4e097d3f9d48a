import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import type { ElectronApi } from './electron-api';

type Handler = (event: { senderFrame: { url: string } | null; sender: unknown }, payload: unknown) => unknown;

/** Just enough of Electron to boot the shell in a test and look at what it did. */
export class ElectronStandIn {
  readonly handlers = new Map<string, Handler>();
  readonly windows: StandInWindow[] = [];
  readonly appEvents = new EventEmitter();
  /** Every notification shown; `click()` plays the user clicking it. */
  readonly notifications: Array<{ title: string; body: string; click: () => void }> = [];
  badgeCount = 0;
  exitCode: number | null = null;
  quitCalled = false;
  /** What requestSingleInstanceLock answers: false plays a second instance. */
  singleInstanceLock = true;
  /** Every message box shown, and what the next ones answer (the first button, box unticked, by default). */
  readonly messageBoxes: Electron.MessageBoxOptions[] = [];
  /** Folders handed to shell.openPath ("Open folder"). */
  readonly openedPaths: string[] = [];
  messageBoxAnswer: { response: number; checkboxChecked: boolean } = { response: 0, checkboxChecked: false };
  private readyResolve: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  constructor(private readonly userData: string) {}

  makeReady(): void {
    this.readyResolve();
  }

  api(): ElectronApi {
    const windows = this.windows;
    const notifications = this.notifications;
    class BrowserWindow extends StandInWindow {
      constructor(options: Electron.BrowserWindowConstructorOptions) {
        super(options);
        windows.push(this);
      }
    }
    return {
      app: {
        whenReady: () => this.ready,
        on: (event: string, listener: (...args: unknown[]) => void) => {
          this.appEvents.on(event, listener);
          return this;
        },
        getPath: () => this.userData,
        quit: () => {
          this.quitCalled = true;
        },
        exit: (code?: number) => {
          this.exitCode = code ?? 0;
        },
        getVersion: () => '0.0.0',
        setBadgeCount: (count: number) => {
          this.badgeCount = count;
          return true;
        },
        requestSingleInstanceLock: () => this.singleInstanceLock,
      } as unknown as ElectronApi['app'],
      BrowserWindow: BrowserWindow as unknown as ElectronApi['BrowserWindow'],
      ipcMain: {
        handle: (channel: string, handler: Handler) => {
          if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
          this.handlers.set(channel, handler);
        },
        removeHandler: (channel: string) => {
          this.handlers.delete(channel);
        },
      } as unknown as ElectronApi['ipcMain'],
      dialog: {
        showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
        showMessageBox: async (options: Electron.MessageBoxOptions) => {
          this.messageBoxes.push(options);
          return this.messageBoxAnswer;
        },
      } as unknown as ElectronApi['dialog'],
      shell: {
        openPath: async (folder: string) => {
          this.openedPaths.push(folder);
          return '';
        },
      },
      Notification: class {
        private clickListener: () => void = () => undefined;
        constructor(private readonly options: { title: string; body: string }) {}
        show = () => notifications.push({ ...this.options, click: () => this.clickListener() });
        close = () => undefined;
        on = (_event: 'click', listener: () => void) => {
          this.clickListener = listener;
          return this;
        };
      },
    };
  }
}

export class StandInWindow extends EventEmitter {
  readonly sent: Array<[string, ...unknown[]]> = [];
  loadedFile: string | null = null;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  permissionHandler: ((contents: unknown, permission: string, callback: (allowed: boolean) => void) => void) | null =
    null;
  readonly webContents: EventEmitter & Record<string, unknown>;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    const contents = new EventEmitter() as EventEmitter & Record<string, unknown>;
    contents.setWindowOpenHandler = (handler: StandInWindow['windowOpenHandler']) => {
      this.windowOpenHandler = handler;
    };
    contents.session = {
      setPermissionRequestHandler: (handler: StandInWindow['permissionHandler']) => {
        this.permissionHandler = handler;
      },
    };
    contents.send = (channel: string, ...args: unknown[]) => this.sent.push([channel, ...args]);
    contents.isDestroyed = () => false;
    this.webContents = contents;
  }

  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }

  shown = 0;
  focused = 0;
  minimized = false;
  show(): void {
    this.shown++;
  }
  focus(): void {
    this.focused++;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isFocused(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
}
