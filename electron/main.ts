// The Electron entry: everything here is handed to the shell, which tests drive with a stand-in.
import { app, BrowserWindow, dialog, ipcMain, Notification, shell } from 'electron';
import { startElectronShell } from './shell/start-shell';

startElectronShell(
  { app, BrowserWindow, dialog, ipcMain, Notification, shell },
  { distDir: __dirname },
  process.argv.slice(2),
);
