import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { bundleNodeScript } from '../test-support/bundle-script';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';
import { AgentHostClient, shutDownAgentHosts } from './agent-host-client';
import { agentHostPaths } from './protocol';

// The real agent host, bundled as the build does (node-pty outside the bundle, resolved from the repo).
const distDir = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', `stop-starting-test-${process.pid}`);

beforeAll(async () => {
  await mkdir(distDir, { recursive: true });
  await bundleNodeScript(path.join(__dirname, 'agent-host-main.ts'), path.join(distDir, 'agent-host.cjs'));
}, 60_000);
afterAll(() => rm(distDir, { recursive: true, force: true }));

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dataDir: string;
let app: SwitchyardApp | null = null;

beforeEach(async () => {
  temp = await makeTempDir();
  dataDir = path.join(temp.dir, 'data');
});
afterEach(async () => {
  await app?.shutdown().catch(() => undefined);
  await shutDownAgentHosts(dataDir);
  await rm(temp.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
});

describe.skipIf(process.platform === 'win32')('Stop while the agent host is still starting', () => {
  it('stops the agent once the host answers instead of doing nothing', async () => {
    const repo = await makeRepo(temp.dir);
    app = await createSwitchyardApp({
      dataDir,
      distDir,
      host: { kind: 'browser' },
      version: '0.0.0-test',
      log: () => undefined,
      agentHost: true,
    });
    const window = recordingClient();
    const call = async <T>(channel: string, payload: unknown): Promise<T> => {
      const result = await app!.dispatch(channel, payload, window);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    };
    const project = await call<{ id: string }>('projects.open', { path: repo });
    // The first thread of a data folder starts its agent host; Stop comes before that host answers.
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'quick',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'echo up; read x'],
    });
    await call('threads.stop', { threadId: thread.id });
    await waitFor(() => app!.state.thread(thread.id).status === 'stopped', 'the thread to stop', 30_000).catch(
      (e: unknown) => {
        throw new Error(String(e) + JSON.stringify(app!.state.thread(thread.id)));
      },
    );
    const view = await waitFor(
      () =>
        AgentHostClient.connect(agentHostPaths(dataDir), {
          onEvent: () => undefined,
          onData: () => undefined,
          onClose: () => undefined,
        }),
      'the host',
    );
    const { live } = await view.request<{ live: unknown[] }>('adopt');
    view.close();
    expect(live).toEqual([]);
  }, 60_000);
});
