import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import type { StartReport } from '../../shared/start-report';
import { type SwitchyardApp } from '../app/switchyard-app';
import { agentHostAppsPerTest, bundledAgentHostDir, dispatchOrThrow } from '../test-support/agent-host-app';
import { oneStepPlan, startOlderAgentHost } from '../test-support/launch-plan';
import { waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';
import type { AgentHostClient } from './agent-host-client';

const distDir = bundledAgentHostDir('older-host-test');
const entry = path.join(distDir, 'agent-host.cjs');
/** The protocol an "older Switchyard" speaks here (SWITCHYARD_AGENT_HOST_PROTOCOL, inherited by its host). */
const older = 0;

const window = recordingClient();
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

const each = agentHostAppsPerTest(distDir, { shutDownHosts: true });
const { openApp } = each;

const call = <T>(app: SwitchyardApp, channel: string, payload: unknown) =>
  dispatchOrThrow<T>(app, window, channel, payload);

/** The thread's agent as an older Switchyard left it: running in that version's agent host. */
async function runInOlderHost(thread: Thread): Promise<AgentHostClient> {
  const client = await startOlderAgentHost(each.dataDir, entry, older);
  const plan = oneStepPlan({
    threadId: thread.id,
    threadName: thread.name,
    cwd: thread.worktreePath,
    file: '/bin/sh',
    args: ['-c', 'echo old agent up; read x; exit 3'],
  });
  await client.request('start', { plan, maxRunning: 4 });
  return client;
}

/** A thread that ran once in this Switchyard (then stopped), its agent now running in an older one's host. */
async function threadRunningInOlderHost() {
  const first = await openApp();
  const project = await call<{ id: string }>(first, 'projects.open', { path: each.repo });
  const thread = await call<Thread>(first, 'threads.create', {
    projectId: project.id,
    name: 'old',
    profileId: 'custom',
    command: ['/bin/sh', '-c', 'echo new agent up; read x'],
  });
  await waitFor(() => ['working', 'idle'].includes(first.state.thread(thread.id).status), 'its first run');
  await call(first, 'threads.stop', { threadId: thread.id });
  await waitFor(() => first.state.thread(thread.id).status === 'stopped', 'its first run to stop');
  return { first, thread, olderHost: await runInOlderHost(thread) };
}

/** Records the thread as running (as the older Switchyard did when it quit keeping its agents), quits so, opens anew. */
async function reopenAfterKeepingAgents(first: SwitchyardApp, thread: Thread): Promise<SwitchyardApp> {
  await first.state.putThread({
    ...first.state.thread(thread.id),
    status: 'working',
    statusReason: null,
    stopCause: null,
  });
  await first.shutdownKeepingAgents();
  each.apps.splice(0);
  return openApp();
}

describe.skipIf(process.platform === 'win32')('an agent left in an older Switchyard’s agent host', () => {
  it('is not called reattached, says what it means, and its exit is recorded when it ends', async () => {
    const { first, thread, olderHost } = await threadRunningInOlderHost();
    const app = await reopenAfterKeepingAgents(first, thread);
    const now = app.state.thread(thread.id);
    expect(now.status).toBe('working');
    expect(now.statusReason).toBe(
      `running in an older Switchyard's agent host (pid ${olderHost.hostPid}): no live output or input here; its end is recorded when it exits`,
    );
    const { startReport } = await call<{ startReport: StartReport }>(app, 'app.info', {});
    expect(startReport.reattached).toEqual([]);
    expect(startReport.inOlderHost).toEqual([{ threadId: thread.id, name: 'old' }]);
    await expect(call(app, 'threads.resume', { threadId: thread.id })).rejects.toThrow(
      /still running: running in an older/,
    );

    // The older host's agent ends: this app records how, and Resume works here afterwards.
    olderHost.note('write', { threadId: thread.id, data: 'go\r' });
    await waitFor(() => app.state.thread(thread.id).status === 'failed', 'the exit to be recorded');
    expect(app.state.thread(thread.id).exitCode).toBe(3);
    olderHost.close();
    const resumed = await call<Thread>(app, 'threads.resume', { threadId: thread.id });
    expect(resumed.status).toBe('starting');
  }, 60_000);

  it('Stop ends it through the older host, then Resume restarts it in this Switchyard’s host', async () => {
    const { first, thread, olderHost } = await threadRunningInOlderHost();
    const { live } = await olderHost.request<{ live: { pid: number | null }[] }>('adopt');
    const oldPid = live[0]!.pid!;
    const app = await reopenAfterKeepingAgents(first, thread);
    const stopped = await call<Thread>(app, 'threads.stop', { threadId: thread.id });
    expect(stopped).toMatchObject({ status: 'stopped', statusReason: 'stopped by you' });
    expect(alive(oldPid)).toBe(false);
    const resumed = await call<Thread>(app, 'threads.resume', { threadId: thread.id });
    expect(resumed.status).toBe('starting');
    await waitFor(
      () => ['working', 'idle'].includes(app.state.thread(thread.id).status),
      'the agent to run in the new host',
    );
    olderHost.close();
  }, 60_000);
});
