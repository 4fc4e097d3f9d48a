import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { type SwitchyardApp } from '../app/switchyard-app';
import { bundledAgentHostDir, dispatchOrThrow, startAgentHostApp } from '../test-support/agent-host-app';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';
import { AgentHostClient, shutDownAgentHosts } from './agent-host-client';
import { agentHostPaths } from './protocol';

const distDir = bundledAgentHostDir('stop-starting-test');

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
    app = await startAgentHostApp(dataDir, distDir);
    const window = recordingClient();
    const call = <T>(channel: string, payload: unknown) => dispatchOrThrow<T>(app!, window, channel, payload);
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
