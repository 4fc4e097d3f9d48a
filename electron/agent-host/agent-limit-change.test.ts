import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { bundleNodeScript } from '../test-support/bundle-script';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';

// The real agent host, bundled as the build does (node-pty outside the bundle, resolved from the repo).
const distDir = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', `agent-limit-test-${process.pid}`);

beforeAll(async () => {
  await mkdir(distDir, { recursive: true });
  await bundleNodeScript(path.join(__dirname, 'agent-host-main.ts'), path.join(distDir, 'agent-host.cjs'));
}, 60_000);
afterAll(() => rm(distDir, { recursive: true, force: true }));

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let app: SwitchyardApp | null = null;
const window = recordingClient();

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir);
});
afterEach(async () => {
  await app?.shutdown().catch(() => undefined);
  app = null;
  // The stopped threads' records may still be being written: retry instead of racing them.
  await rm(temp.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = await app!.dispatch(channel, payload, window);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

/** An agent that runs until a line is typed into it. */
const waitingAgent = (name: string) => ['/bin/sh', '-c', `echo ${name} up; read x`];

describe.skipIf(process.platform === 'win32').each([
  ['in the agent host', true],
  ['in this process', false],
])('raising the agent limit (%s)', (_where, agentHost) => {
  it('starts the queued threads at once and rewords the reasons of those still queued', async () => {
    app = await createSwitchyardApp({
      dataDir: path.join(temp.dir, 'data'),
      distDir,
      host: { kind: 'browser' },
      version: '0.0.0-test',
      log: () => undefined,
      agentHost,
    });
    await call('settings.set', { maxRunningAgents: 1 });
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const ids: string[] = [];
    for (const name of ['holder', 'second', 'third', 'fourth']) {
      const thread = await call<Thread>('threads.create', {
        projectId: project.id,
        name,
        profileId: 'custom',
        command: waitingAgent(name),
      });
      ids.push(thread.id);
      if (name === 'holder')
        await waitFor(() => ['working', 'idle'].includes(app!.state.thread(thread.id).status), 'the holder to run');
    }
    const status = (id: string) => app!.state.thread(id);
    const [holder, second, third, fourth] = ids as [string, string, string, string];
    await waitFor(() => [second, third, fourth].every((id) => status(id).status === 'queued'), 'three queued');
    expect(status(second).statusReason).toContain('1 of 1 running');

    await call('settings.set', { maxRunningAgents: 3 });
    // Both start with the holder still running: nothing had to end first.
    await waitFor(
      () => [second, third].every((id) => ['starting', 'working', 'idle'].includes(status(id).status)),
      'the two queued threads to start',
    );
    expect(['working', 'idle']).toContain(status(holder).status);
    expect(status(fourth).status).toBe('queued');
    await waitFor(() => status(fourth).statusReason?.includes('3 of 3 running'), 'the reason to name the new limit');
  }, 60_000);
});
