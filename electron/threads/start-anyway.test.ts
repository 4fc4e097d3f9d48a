import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { type SwitchyardApp } from '../app/switchyard-app';
import { bundledAgentHostDir, startAgentHostApp } from '../test-support/agent-host-app';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';

// The agent host as the build bundles it, for the runs where agents live there.
const distDir = bundledAgentHostDir('start-anyway-test');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let app: SwitchyardApp;
let projectId: string;
const window = recordingClient();

async function call<T = unknown>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload, window);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

const threadOf = (id: string) => app.state.thread(id);

function createAgent(name: string, script: string): Promise<Thread> {
  return call<Thread>('threads.create', { projectId, name, profileId: 'custom', command: ['/bin/sh', '-c', script] });
}

describe.skipIf(process.platform === 'win32').each([
  { where: 'in this process', agentHost: false },
  { where: 'in the agent host', agentHost: true },
])('agents $where', ({ agentHost }) => {
  beforeEach(async () => {
    temp = await makeTempDir();
    const repo = await makeRepo(temp.dir);
    app = await startAgentHostApp(path.join(temp.dir, 'data'), distDir, { agentHost });
    projectId = (await call<{ id: string }>('projects.open', { path: repo })).id;
  });

  afterEach(async () => {
    await app.shutdown();
    await temp.cleanup();
  });

  it('leaves shells out of the limit, names the slot holder, and starts a queued thread anyway', async () => {
    await call('settings.set', { maxRunningAgents: 1 });
    const shell = await call<Thread>('threads.create', { projectId, name: 'My shell', profileId: 'shell' });
    const holder = await createAgent('Holder', 'echo holder-up; read x');
    await waitFor(() => ['working', 'idle'].includes(threadOf(holder.id).status), 'the holder to run past the shell');

    const waiting = await createAgent('Waiting', 'echo waiting-ran; read x');
    await waitFor(() => threadOf(waiting.id).status === 'queued', 'the second agent to queue');
    expect(threadOf(waiting.id).statusReason).toBe('waiting for a free agent slot (1 of 1 running: "Holder")');
    const queuedScreen = await call<{ data: string }>('terminal.attach', { threadId: waiting.id });
    expect(queuedScreen.data).toContain('Queued: waiting for a free agent slot (1 of 1 running: "Holder")');

    await call<Thread>('threads.startNow', { threadId: waiting.id });
    await waitFor(() => ['working', 'idle'].includes(threadOf(waiting.id).status), 'the queued agent to start anyway');
    expect(threadOf(holder.id).status).not.toBe('queued');
    await expect(call('threads.startNow', { threadId: waiting.id })).rejects.toMatchObject({
      kind: 'invalid-request',
      message: expect.stringContaining('"Waiting" is not waiting for an agent slot') as unknown,
    });

    // The shell's status comes from its terminal's foreground, wherever the pty lives.
    await waitFor(() => threadOf(shell.id).status === 'idle', 'the shell at its prompt');
    await call('terminal.input', { threadId: shell.id, data: 'sleep 3\r' });
    await waitFor(() => threadOf(shell.id).statusReason === 'running sleep', 'the shell to read as running sleep');
    expect(threadOf(shell.id).status).toBe('working');
    await waitFor(() => threadOf(shell.id).status === 'idle', 'the shell back at its prompt', 8_000);
  }, 40_000);
});
