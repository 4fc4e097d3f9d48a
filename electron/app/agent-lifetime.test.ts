import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp } from '../test-support/test-app';
import { describeQuit } from './agent-lifetime';
import type { SwitchyardApp } from './switchyard-app';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let dataDir: string;
const open: SwitchyardApp[] = [];

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir);
  dataDir = path.join(temp.dir, 'data');
});

afterEach(async () => {
  for (const app of open.splice(0)) await app.shutdown();
  await temp.cleanup();
});

async function start(): Promise<SwitchyardApp> {
  const { app } = await makeTestApp(dataDir);
  open.push(app);
  return app;
}

async function quit(app: SwitchyardApp): Promise<void> {
  open.splice(open.indexOf(app), 1);
  await app.shutdown();
}

async function call<T>(app: SwitchyardApp, channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

function named(app: SwitchyardApp, name: string): Thread {
  return app.state.threads().find((t) => t.name === name)!;
}

async function createThread(app: SwitchyardApp, projectId: string, name: string, script: string): Promise<Thread> {
  return call<Thread>(app, 'threads.create', {
    projectId,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', script],
  });
}

describe('why each agent ended, across a restart', () => {
  it('says stopped by you, stopped when Switchyard quit (keeping the question asked), lost, or exited while closed', async () => {
    const app = await start();
    const project = await call<{ id: string }>(app, 'projects.open', { path: repo });
    await createThread(app, project.id, 'Asker', 'printf "Apply this edit? (y/n) "; read answer; sleep 600');
    await createThread(app, project.id, 'Worker', 'echo working; sleep 600');
    const mine = await createThread(app, project.id, 'Mine', 'echo mine; sleep 600');
    await waitFor(() => named(app, 'Asker').status === 'needs-input', 'the question');
    await waitFor(() => named(app, 'Worker').status === 'working', 'the worker');

    await call(app, 'threads.stop', { threadId: mine.id });
    expect(named(app, 'Mine')).toMatchObject({ status: 'stopped', stopCause: 'user', statusReason: 'stopped by you' });

    // "Keep agents running" without the agent host (makeTestApp runs agents in this process): they stop with it.
    // With the agent host they are kept: electron/shell/quit.test.ts and e2e/outlive-window.spec.ts.
    const report = await app.endAgents('keep');
    expect([...report.stopped].sort()).toEqual(['Asker', 'Worker']);
    expect(report.kept).toEqual([]);
    expect(describeQuit(report)).toContain('they ran inside Switchyard (no agent host), so they could not outlive it');
    await quit(app);

    const again = await start();
    const asker = named(again, 'Asker');
    expect(asker).toMatchObject({ status: 'stopped', stopCause: 'quit' });
    expect(asker.pendingQuestion).toContain('Apply this edit?');
    expect(asker.statusReason).toMatch(/^stopped when Switchyard quit — it was asking: .*Apply this edit\?/);
    expect(named(again, 'Worker')).toMatchObject({ stopCause: 'quit', statusReason: 'stopped when Switchyard quit' });
    expect(named(again, 'Mine')).toMatchObject({ stopCause: 'user', statusReason: 'stopped by you' });

    const info = await call<{ startReport: { reattached: unknown[]; stopped: Array<{ name: string }> } }>(
      again,
      'app.info',
      {},
    );
    expect(info.startReport.reattached).toEqual([]);
    expect(info.startReport.stopped.map((s) => s.name).sort()).toEqual(['Asker', 'Worker']);
    expect(info.startReport.stopped.every((s) => 'canResume' in s && s.canResume)).toBe(true);

    // A run that ended without quitting (crash, kill -9) leaves its threads active on disk.
    await again.state.putThread({
      ...named(again, 'Asker'),
      status: 'needs-input',
      statusReason: 'asks: Proceed? (y/n)',
      stopCause: null,
      pendingQuestion: null,
    });
    await again.threads.recordExitWhileClosed(named(again, 'Worker').id, 3);
    expect(named(again, 'Worker')).toMatchObject({
      status: 'failed',
      stopCause: 'exited-while-closed',
      exitCode: 3,
      statusReason: 'exited while Switchyard was closed (exit 3)',
    });
    await quit(again);

    const third = await start();
    expect(named(third, 'Asker')).toMatchObject({
      status: 'stopped',
      stopCause: 'host-lost',
      pendingQuestion: 'asks: Proceed? (y/n)',
      statusReason: 'agent host stopped unexpectedly — resume to continue — it was asking: Proceed? (y/n)',
    });
    // Resuming clears the cause: it runs again.
    await call(third, 'threads.resume', { threadId: named(third, 'Asker').id });
    await waitFor(() => named(third, 'Asker').status !== 'starting', 'the resumed agent');
    expect(named(third, 'Asker').stopCause).toBeNull();
  });
});
