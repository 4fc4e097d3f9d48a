// The Electron entry: everything here is handed to the shell, which tests drive with a stand-in.
import { app, BrowserWindow, dialog, ipcMain, Notification } from 'electron';
import { startElectronShell } from './shell/start-shell';

startElectronShell(
  { app, BrowserWindow, dialog, ipcMain, Notification },
  { distDir: __dirname },
  process.argv.slice(2),
);
