import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { type SwitchyardApp } from '../app/switchyard-app';
import { bundledAgentHostDir, dispatchOrThrow, startAgentHostApp } from '../test-support/agent-host-app';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';

const distDir = bundledAgentHostDir('agent-limit-test');

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

const call = <T>(channel: string, payload: unknown) => dispatchOrThrow<T>(app!, window, channel, payload);

/** An agent that runs until a line is typed into it. */
const waitingAgent = (name: string) => ['/bin/sh', '-c', `echo ${name} up; read x`];

describe.skipIf(process.platform === 'win32').each([
  ['in the agent host', true],
  ['in this process', false],
])('raising the agent limit (%s)', (_where, agentHost) => {
  it('starts the queued threads at once and rewords the reasons of those still queued', async () => {
    app = await startAgentHostApp(path.join(temp.dir, 'data'), distDir, { agentHost });
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
