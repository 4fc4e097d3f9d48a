import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { waitFor } from '../test-support/temp-repo';
import {
  makeTestApp,
  recordingClient,
  type RecordedEvent,
  closeRepoWithApp,
  repoWithApp,
  type RepoWithApp,
} from '../test-support/test-app';

let temp: RepoWithApp['temp'];
let app: SwitchyardApp;
let repo: string;

beforeEach(async () => {
  ({ temp, repo, app } = await repoWithApp());
});

afterEach(() => closeRepoWithApp(app, temp));

type Window = ReturnType<typeof recordingClient>;

async function call<T = unknown>(channel: string, payload: unknown, window: Window = recordingClient()): Promise<T> {
  const result = await app.dispatch(channel, payload, window);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

/** What a window received from a thread's shell (not its agent). */
function shellText(window: { received: RecordedEvent[] }, threadId: string): string {
  return window.received
    .filter((e) => e.event === 'terminal.data')
    .map((e) => e.payload as { threadId: string; terminal?: string; data: string })
    .filter((p) => p.threadId === threadId && p.terminal === 'shell')
    .map((p) => p.data)
    .join('');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function openThread(command: string[], name = 'Shell test'): Promise<Thread> {
  const project = await call<{ id: string }>('projects.open', { path: repo });
  return call<Thread>('threads.create', { projectId: project.id, name, profileId: 'custom', command });
}

describe("a thread's plain terminal", () => {
  it('runs a shell in the worktree, takes input and resizes, and restores its screen on a second attach', async () => {
    const thread = await openThread(['/bin/sh', '-c', 'echo agent-output; sleep 30']);
    const first = recordingClient('window-1');
    expect(app.shells.pidOf(thread.id)).toBeNull();
    await call('terminal.attach', { threadId: thread.id, terminal: 'shell' }, first);
    expect(app.shells.pidOf(thread.id)).not.toBeNull();

    await call('terminal.input', { threadId: thread.id, terminal: 'shell', data: 'pwd\r' });
    await waitFor(() => shellText(first, thread.id).includes(thread.worktreePath), 'pwd to print the worktree');
    expect(await call('terminal.resize', { threadId: thread.id, terminal: 'shell', cols: 50, rows: 20 })).toEqual({
      resized: true,
    });
    await call('terminal.input', { threadId: thread.id, terminal: 'shell', data: 'stty size\r' });
    await waitFor(() => shellText(first, thread.id).includes('20 50'), 'the shell to see the new size');
    // The agent's stream never carries the shell's output.
    const agentChunks = first.received.filter((e) => (e.payload as { terminal?: string }).terminal !== 'shell');
    expect(agentChunks).toEqual([]);

    await call('terminal.detach', { threadId: thread.id, terminal: 'shell' }, first);
    const second = recordingClient('window-2');
    const restored = await call<{ data: string }>(
      'terminal.attach',
      { threadId: thread.id, terminal: 'shell' },
      second,
    );
    expect(restored.data).toContain(thread.worktreePath);
    expect(restored.data).toContain('20 50');
    // Still the same shell: attaching again starts no second one.
    await call('terminal.input', { threadId: thread.id, terminal: 'shell', data: 'echo "again-$((40+2))"\r' });
    await waitFor(() => shellText(second, thread.id).includes('again-42'), 'the second window to get live output');
  });

  it('does not count toward the agent limit nor change the thread status', async () => {
    await call('settings.set', { maxRunningAgents: 1 });
    const first = await openThread(['/bin/sh', '-c', 'echo one; exit 0'], 'First');
    await waitFor(() => app.state.thread(first.id).status === 'done', 'the first agent to finish');
    await call('terminal.attach', { threadId: first.id, terminal: 'shell' });
    await call('terminal.input', { threadId: first.id, terminal: 'shell', data: 'echo busy\r' });

    const second = await openThread(['/bin/sh', '-c', 'echo second-running; sleep 30'], 'Second');
    await waitFor(() => app.state.thread(second.id).status !== 'starting', 'the second agent to start');
    expect(app.state.thread(second.id).status).not.toBe('queued');
    expect(app.state.thread(first.id).status).toBe('done');
    expect(app.shells.pidOf(first.id)).not.toBeNull();
  });

  it('is killed when its thread is removed', async () => {
    const thread = await openThread(['/bin/sh', '-c', 'sleep 30']);
    await call('terminal.attach', { threadId: thread.id, terminal: 'shell' });
    const pid = await waitFor(() => app.shells.pidOf(thread.id), 'the shell to start');
    expect(isAlive(pid)).toBe(true);
    await call('threads.remove', { threadId: thread.id, discard: true });
    await waitFor(() => !isAlive(pid), 'the shell process to be gone');
    expect(app.shells.pidOf(thread.id)).toBeNull();
  });

  it('is killed when the app quits, even one that keeps its agents', async () => {
    const thread = await openThread(['/bin/sh', '-c', 'sleep 30']);
    await call('terminal.attach', { threadId: thread.id, terminal: 'shell' });
    const pid = await waitFor(() => app.shells.pidOf(thread.id), 'the shell to start');
    await app.shutdownKeepingAgents();
    await waitFor(() => !isAlive(pid), 'the shell process to be gone');
    // afterEach shuts down a fresh app.
    ({ app } = await makeTestApp(path.join(temp.dir, 'data-after')));
  });

  it('says the worktree is missing instead of starting a shell elsewhere', async () => {
    const thread = await openThread(['/bin/sh', '-c', 'sleep 30']);
    await rm(thread.worktreePath, { recursive: true, force: true });
    const result = await app.dispatch('terminal.attach', { threadId: thread.id, terminal: 'shell' }, recordingClient());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('worktree-missing');
      expect(result.error.message).toContain(thread.worktreePath);
    }
    expect(app.shells.pidOf(thread.id)).toBeNull();
  });

  it('refuses an unknown thread with the not-found error', async () => {
    const result = await app.dispatch('terminal.attach', { threadId: 'nope', terminal: 'shell' }, recordingClient());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('not-found');
  });
});
