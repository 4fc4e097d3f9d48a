import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ipcRequestPrefix } from '../../shared/channel-names';
import type { Thread } from '../../shared/models';
import { commandLineOf, instanceLockName } from '../app/instance-lock';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { ElectronStandIn } from './electron-stand-in';
import { startElectronShell } from './start-shell';
import { bundleNodeScript } from '../test-support/bundle-script';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let userData: string;
// The real agent host, bundled as the build does (node-pty resolved from the repository's node_modules),
// so "Keep agents running" keeps them for real.
const distDir = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', `quit-test-${process.pid}`, 'dist');
const appUrl = pathToFileURL(path.join(distDir, 'renderer', 'index.html')).href;
const windowContents = { id: 1, isDestroyed: () => false, send: () => undefined, once: () => undefined };
const started: ElectronStandIn[] = [];
let sleeper: ChildProcess | null = null;

beforeAll(async () => {
  await bundleNodeScript(
    path.resolve(__dirname, '..', 'agent-host', 'agent-host-main.ts'),
    path.join(distDir, 'agent-host.cjs'),
  );
}, 60_000);

afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await rm(path.dirname(distDir), { recursive: true, force: true });
});

beforeEach(async () => {
  temp = await makeTempDir();
  userData = path.join(temp.dir, 'userData');
});

afterEach(async () => {
  for (const electron of started.splice(0)) {
    // Left running, agents would outlive the test in the agent host.
    electron.messageBoxAnswer = { response: 1, checkboxChecked: false };
    if (electron.exitCode === null && electron.windows.length > 0) await quit(electron);
  }
  sleeper?.kill('SIGKILL');
  sleeper = null;
  await temp.cleanup();
});

async function boot(setup: (electron: ElectronStandIn) => void = () => undefined): Promise<ElectronStandIn> {
  const electron = new ElectronStandIn(userData);
  setup(electron);
  started.push(electron);
  startElectronShell(electron.api(), { distDir }, []);
  electron.makeReady();
  return electron;
}

async function bootWindow(): Promise<ElectronStandIn> {
  const electron = await boot();
  await waitFor(() => electron.windows.length === 1, 'the window');
  return electron;
}

async function quit(electron: ElectronStandIn): Promise<void> {
  electron.appEvents.emit('before-quit', { preventDefault: () => undefined });
  await waitFor(() => electron.exitCode !== null, 'the quit', 15_000);
}

async function invoke<T>(electron: ElectronStandIn, channel: string, payload: unknown): Promise<T> {
  const handler = electron.handlers.get(`${ipcRequestPrefix}${channel}`)!;
  const result = (await handler({ senderFrame: { url: appUrl }, sender: windowContents }, payload)) as {
    ok: boolean;
    value: T;
    error?: { message: string };
  };
  if (!result.ok) throw new Error(result.error?.message);
  return result.value;
}

async function runningAgent(electron: ElectronStandIn, name: string): Promise<Thread> {
  const repo = await makeRepo(temp.dir, `repo-${name}`);
  const project = await invoke<{ id: string }>(electron, 'projects.open', { path: repo });
  const thread = await invoke<Thread>(electron, 'threads.create', {
    projectId: project.id,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', 'echo working; sleep 600'],
  });
  await waitFor(async () => {
    const threads = await invoke<Thread[]>(electron, 'threads.list', {});
    return threads.find((t) => t.id === thread.id)?.status === 'working';
  }, 'the agent at work');
  return thread;
}

async function threadAfterRestart(id: string): Promise<Thread> {
  const state = JSON.parse(await readFile(path.join(userData, 'state.json'), 'utf8')) as { threads: Thread[] };
  return state.threads.find((t) => t.id === id)!;
}

describe('one desktop instance', () => {
  it('a second instance quits at once; the first comes to the front', async () => {
    const first = await bootWindow();
    const second = await boot((electron) => (electron.singleInstanceLock = false));
    expect(second.quitCalled).toBe(true);
    expect(second.windows).toHaveLength(0);
    expect(second.handlers.size).toBe(0);

    const window = first.windows[0]!;
    window.minimized = true;
    const repo = await makeRepo(temp.dir, 'handed-over');
    first.appEvents.emit('second-instance', {}, ['/opt/Switchyard/switchyard', '--repo', repo], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(1);
    // The second instance's --repo opens in the first.
    await waitFor(async () => {
      const projects = await invoke<Array<{ path: string }>>(first, 'projects.list', {});
      return projects.some((p) => p.path === repo);
    }, 'the handed-over repository');
  });

  it('refuses a data folder a live `switchyard serve` holds, naming it', async () => {
    sleeper = spawn('sleep', ['30']);
    await waitFor(() => commandLineOf(sleeper!.pid!), 'the holder');
    await mkdir(userData, { recursive: true });
    await writeFile(
      path.join(userData, instanceLockName),
      JSON.stringify({
        pid: sleeper.pid,
        url: 'http://127.0.0.1:4123/',
        startedAt: new Date().toISOString(),
        command: await commandLineOf(sleeper.pid!),
      }),
    );
    const electron = await boot();
    await waitFor(() => electron.exitCode !== null, 'the refusal');
    expect(electron.exitCode).toBe(1);
    expect(electron.windows).toHaveLength(0);
    expect(electron.messageBoxes[0]).toMatchObject({
      type: 'error',
      message: expect.stringContaining(`at http://127.0.0.1:4123/ (pid ${sleeper.pid})`),
    });
  });
});

describe('quitting with agents running', () => {
  it('asks once: "Keep agents running" (the default) keeps them for the next start, remembered in Settings', async () => {
    const electron = await bootWindow();
    const thread = await runningAgent(electron, 'Long job');
    electron.messageBoxAnswer = { response: 0, checkboxChecked: true };
    await quit(electron);

    expect(electron.messageBoxes).toHaveLength(1);
    expect(electron.messageBoxes[0]).toMatchObject({
      buttons: ['Keep agents running', 'Stop them all'],
      defaultId: 0,
      checkboxLabel: 'Remember my choice',
      checkboxChecked: false,
    });
    expect(electron.messageBoxes[0]?.message).toContain('"Long job" is running');
    expect(electron.exitCode).toBe(0);
    // Kept: the agent host still runs it, and nothing says it stopped.
    expect(await threadAfterRestart(thread.id)).toMatchObject({ stopCause: null });
    await expect(stat(path.join(userData, instanceLockName))).rejects.toThrow();

    // The next start reattaches it and says so; the choice was remembered, so quitting asks nothing.
    const again = await bootWindow();
    expect((await invoke<{ agentsOnQuit: string }>(again, 'settings.get', {})).agentsOnQuit).toBe('keep');
    const info = await invoke<{ startReport: { reattached: Array<{ name: string }> } }>(again, 'app.info', {});
    expect(info.startReport.reattached.map((t) => t.name)).toEqual(['Long job']);
    const threads = await invoke<Thread[]>(again, 'threads.list', {});
    expect(threads.find((t) => t.id === thread.id)?.status).toMatch(/working|idle/);
    await quit(again);
    expect(again.messageBoxes).toHaveLength(0);
    expect((await threadAfterRestart(thread.id)).stopCause).toBeNull();

    // Changed in Settings to "Stop them all": the last quit stops it, and the thread says why.
    const last = await bootWindow();
    await invoke(last, 'settings.set', { agentsOnQuit: 'stop' });
    await quit(last);
    expect(last.messageBoxes).toHaveLength(0);
    expect(await threadAfterRestart(thread.id)).toMatchObject({
      status: 'stopped',
      stopCause: 'quit',
      statusReason: 'stopped when Switchyard quit',
    });
  });

  it('"Stop them all" stops them, and is not remembered unless ticked', async () => {
    const electron = await bootWindow();
    const thread = await runningAgent(electron, 'Long job');
    electron.messageBoxAnswer = { response: 1, checkboxChecked: false };
    await quit(electron);
    expect(await threadAfterRestart(thread.id)).toMatchObject({ status: 'stopped', stopCause: 'quit' });

    const again = await bootWindow();
    expect((await invoke<{ agentsOnQuit: string }>(again, 'settings.get', {})).agentsOnQuit).toBe('ask');
  });

  it('asks nothing when no agent runs', async () => {
    const electron = await bootWindow();
    await quit(electron);
    expect(electron.messageBoxes).toHaveLength(0);
    expect(electron.exitCode).toBe(0);
  });
});
