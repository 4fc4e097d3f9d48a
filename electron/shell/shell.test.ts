import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcEventChannel, ipcRequestPrefix } from '../../shared/channel-names';
import { requestChannels } from '../../shared/contract';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { ElectronStandIn } from './electron-stand-in';
import { startElectronShell } from './start-shell';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let electron: ElectronStandIn;
const distDir = path.resolve(__dirname, '..', '..', 'dist');
const appUrl = pathToFileURL(path.join(distDir, 'renderer', 'index.html')).href;

beforeEach(async () => {
  temp = await makeTempDir();
  electron = new ElectronStandIn(path.join(temp.dir, 'userData'));
  startElectronShell(electron.api(), { distDir }, []);
  electron.makeReady();
  await waitFor(() => electron.windows.length === 1, 'the window');
});

afterEach(async () => {
  // Asked what to do with running agents: stop them (kept, they would outlive the test in the agent host).
  electron.messageBoxAnswer = { response: 1, checkboxChecked: false };
  electron.appEvents.emit('before-quit', { preventDefault: () => undefined });
  await waitFor(() => electron.exitCode !== null, 'the quit');
  await temp.cleanup();
});

/** The sending window's webContents, as Electron passes it with each IPC call. */
const windowContents = { id: 1, isDestroyed: () => false, send: () => undefined, once: () => undefined };

/** A contract request as the app window sends it. */
const invoke = (channel: string, payload: unknown) =>
  electron.handlers.get(`${ipcRequestPrefix}${channel}`)!(
    { senderFrame: { url: appUrl }, sender: windowContents },
    payload,
  );

/** A shell script that stops at a yes/no question, so its thread needs input. */
const asks = 'printf "Apply this edit? (y/n) "; read answer';

/** A new repository opened as a project, and a thread in it running `script` under /bin/sh. */
async function startThread(repoName: string, name: string, script: string) {
  const repo = await makeRepo(temp.dir, repoName);
  const project = (await invoke('projects.open', { path: repo })) as { value: { id: string } };
  const thread = (await invoke('threads.create', {
    projectId: project.value.id,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', script],
  })) as { value: { id: string; worktreePath: string } };
  return thread.value;
}

describe('Electron shell (against a stand-in of the Electron API)', () => {
  it('opens one window with the renderer locked down', () => {
    const window = electron.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: path.join(distDir, 'preload.cjs'),
    });
    expect(window.loadedFile).toBe(path.join(distDir, 'renderer', 'index.html'));
  });

  it('denies new windows, navigation away from the app, webviews and permissions other than notifications', () => {
    const window = electron.windows[0]!;
    expect(window.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigate = (url: string) => {
      let prevented = false;
      window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(appUrl)).toBe(false);
    let webview = false;
    window.webContents.emit('will-attach-webview', { preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
    const answers: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation']) {
      window.permissionHandler?.(null, permission, (allowed) => (answers[permission] = allowed));
    }
    expect(answers).toEqual({ notifications: true, media: false, geolocation: false });
  });

  it('wires every contract channel, and only for the app window', async () => {
    expect([...electron.handlers.keys()].sort()).toEqual(requestChannels.map((c) => `${ipcRequestPrefix}${c}`).sort());
    const info = electron.handlers.get(`${ipcRequestPrefix}app.info`)!;
    expect(await info({ senderFrame: { url: appUrl }, sender: windowContents }, {})).toMatchObject({
      ok: true,
      value: { host: 'electron', canPickFolder: true },
    });
    expect(await info({ senderFrame: { url: 'https://evil.example/' }, sender: windowContents }, {})).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await info({ senderFrame: null, sender: windowContents }, {})).toMatchObject({ ok: false });
    const pick = electron.handlers.get(`${ipcRequestPrefix}projects.pickFolder`)!;
    expect(await pick({ senderFrame: { url: appUrl }, sender: windowContents }, {})).toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('forwards events to the window over the event channel', async () => {
    const repo = await makeRepo(temp.dir);
    const open = electron.handlers.get(`${ipcRequestPrefix}projects.open`)!;
    expect(await open({ senderFrame: { url: appUrl }, sender: windowContents }, { path: repo })).toMatchObject({
      ok: true,
    });
    const sent = electron.windows[0]!.sent;
    expect(sent.some(([channel, event]) => channel === ipcEventChannel && event === 'project.updated')).toBe(true);
  });

  it('raises a desktop notification and a dock badge when an agent waits for input', async () => {
    await startThread('asking', 'Asker', asks);
    await waitFor(() => electron.notifications.length > 0, 'the notification', 15_000);
    expect(electron.notifications[0]).toMatchObject({ title: expect.stringContaining('Asker') });
    expect(electron.badgeCount).toBe(1);
  });

  it('a clicked notification brings the window forward and tells the page to open that thread', async () => {
    const thread = await startThread('clicked', 'Clicked', asks);
    await waitFor(() => electron.notifications.length > 0, 'the notification', 15_000);
    const window = electron.windows[0]!;
    window.minimized = true;
    const opened = () =>
      window.sent.filter(([channel, event]) => channel === ipcEventChannel && event === 'app.openThread');
    expect(opened()).toEqual([]);

    electron.notifications[0]!.click();

    expect(window).toMatchObject({ minimized: false, shown: 1, focused: 1 });
    expect(opened()).toEqual([[ipcEventChannel, 'app.openThread', { threadId: thread.id }]]);
  });

  it("opens a thread's worktree with Electron's shell.openPath (Open folder)", async () => {
    const thread = await startThread('folder', 'Folder', 'sleep 5');
    expect(await invoke('workspace.openFolder', { threadId: thread.id })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(electron.openedPaths).toEqual([thread.worktreePath]);
  });
});
