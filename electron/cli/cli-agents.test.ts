import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { shutDownAgentHosts } from '../agent-host/agent-host-client';
import { type SwitchyardApp } from '../app/switchyard-app';
import { bundledAgentHostDir, dispatchOrThrow, startAgentHostApp } from '../test-support/agent-host-app';
import { runBuiltCli } from '../test-support/built-cli';
import { oneStepPlan, startOlderAgentHost } from '../test-support/launch-plan';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';
import type { AgentRow } from './agents';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
// The CLI as users run it beside the real agent host.
const distDir = bundledAgentHostDir('cli-agents-test', {
  also: { 'cli.cjs': path.resolve(__dirname, 'switchyard.ts') },
});
const cli = path.join(distDir, 'cli.cjs');

beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

let n = 0;
let dataDir: string;
let repo: string;
let app: SwitchyardApp | null = null;
const window = recordingClient();

beforeEach(async () => {
  n += 1;
  dataDir = path.join(temp.dir, `data-${n}`);
  repo = await makeRepo(path.join(temp.dir, `repo-${n}`));
});
afterEach(async () => {
  await app?.shutdown().catch(() => undefined);
  app = null;
  await shutDownAgentHosts(dataDir);
});

const switchyard = (...args: string[]) => runBuiltCli(cli, [...args, '--data-dir', dataDir]);

const openApp = () => startAgentHostApp(dataDir, distDir);
const call = <T>(channel: string, payload: unknown) => dispatchOrThrow<T>(app!, window, channel, payload);

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** Threads whose agents wait for a line, each named; the last is queued behind the limit. */
async function startThreads(names: string[], limit: number): Promise<Thread[]> {
  app = await openApp();
  await call('settings.set', { maxRunningAgents: limit });
  const project = await call<{ id: string }>('projects.open', { path: repo });
  const threads: Thread[] = [];
  for (const name of names) {
    threads.push(
      await call<Thread>('threads.create', {
        projectId: project.id,
        name,
        profileId: 'custom',
        command: ['/bin/sh', '-c', `echo ${name} up; read x`],
      }),
    );
  }
  return threads;
}

async function listed(): Promise<{ host: { pid: number } | null; agents: AgentRow[] }> {
  const { code, stdout, stderr } = await switchyard('agents', 'list', '--json');
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as { host: { pid: number } | null; agents: AgentRow[] };
}

describe.skipIf(process.platform === 'win32')('switchyard agents', () => {
  it('says plainly when no agent host runs', async () => {
    const list = await switchyard('agents', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`No agent host runs for ${dataDir}`);
    const stop = await switchyard('agents', 'stop', 'anything');
    expect(stop.code).toBe(1);
    expect(stop.stderr).toContain('no agent host runs for');
    expect((await switchyard('agents')).code).toBe(2);
    expect((await switchyard('agents', 'stop')).stderr).toContain('say which threads to stop, or --all');
  }, 30_000);

  it('lists the running agents with names, pids, statuses and since; stops one by name while the app watches', async () => {
    const before = Date.now();
    const [one, two, three] = await startThreads(['one', 'two', 'three'], 2);
    await waitFor(async () => (await listed()).agents.filter((a) => a.pid !== null).length === 2, 'two agents');
    const { host, agents } = await listed();
    expect(host?.pid).toBeGreaterThan(0);
    const byName = new Map(agents.map((a) => [a.name, a]));
    expect([...byName.keys()].sort()).toEqual(['one', 'three', 'two']);
    expect(alive(byName.get('one')!.pid!)).toBe(true);
    expect(byName.get('three')).toMatchObject({ state: 'queued', status: 'queued', pid: null });
    for (const agent of agents) expect(Date.parse(agent.since!)).toBeGreaterThanOrEqual(before - 1000);
    const table = await switchyard('agents', 'list');
    expect(table.stdout).toMatch(/THREAD\s+PID\s+STATUS\s+SINCE/);
    expect(table.stdout).toMatch(new RegExp(`one\\s+${byName.get('one')!.pid}\\s+`));

    // A typo stops nothing.
    const typo = await switchyard('agents', 'stop', 'one', 'nope');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('no running agent of a thread named "nope"');
    expect(alive(byName.get('one')!.pid!)).toBe(true);

    const stop = await switchyard('agents', 'stop', 'ONE');
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain(`Stopped "one" (pid ${byName.get('one')!.pid})`);
    expect(alive(byName.get('one')!.pid!)).toBe(false);
    // The app connected to the same host sees it, in the right words; the queued one takes the slot.
    await waitFor(() => app!.state.thread(one!.id).status === 'stopped', 'the app to see the stop');
    expect(app!.state.thread(one!.id).statusReason).toBe('stopped from the command line');
    expect(app!.state.thread(two!.id).status).not.toBe('stopped');
    await waitFor(() => app!.state.thread(three!.id).status !== 'queued', 'the queued thread to start');
  }, 60_000);

  it('refuses a thread name that would act on a terminal, and prints an older one harmlessly', async () => {
    const [thread] = await startThreads(['plain'], 2);
    await expect(
      call('threads.create', { projectId: thread!.projectId, name: 'evil\u001b[2J', profileId: 'shell' }),
    ).rejects.toThrow(/control characters/);
    // A record from before the rule, as state.json may still hold it.
    await app!.shutdownKeepingAgents();
    app = null;
    const file = path.join(dataDir, 'state.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "plain"', '"name": "ev\\u001b[2Jil\\r"'));
    const list = await switchyard('agents', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(/[\u001b\r]/);
    expect(list.stdout).toContain('ev\uFFFD[2Jil\uFFFD');
  }, 60_000);

  it('stop --all stops every agent, queued ones too, then the host; the app records each stop', async () => {
    const threads = await startThreads(['a', 'b', 'c'], 2);
    await waitFor(async () => (await listed()).agents.filter((a) => a.pid !== null).length === 2, 'two agents');
    const { host, agents } = await listed();
    const stop = await switchyard('agents', 'stop', '--all');
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain('Stopped 3 agents');
    expect(stop.stdout).toContain(`Stopped the agent host (pid ${host!.pid})`);
    expect(alive(host!.pid)).toBe(false);
    for (const agent of agents) if (agent.pid !== null) expect(alive(agent.pid)).toBe(false);
    await waitFor(() => threads.every((t) => app!.state.thread(t.id).status === 'stopped'), 'every thread stopped');
    for (const t of threads) expect(app!.state.thread(t.id).statusReason).toBe('stopped from the command line');
    expect((await switchyard('agents', 'list')).stdout).toContain('No agent host runs');
  }, 60_000);

  it('lists and stops an agent left in an older Switchyard’s agent host, through that host', async () => {
    const older = 0;
    const host = await startOlderAgentHost(dataDir, path.join(distDir, 'agent-host.cjs'), older);
    const plan = oneStepPlan({ threadId: 't_left', cwd: repo, file: '/bin/sh', args: ['-c', 'echo left up; read x'] });
    const { pid } = await host.request<{ pid: number }>('start', { plan, maxRunning: 4 });
    host.close();
    const list = await switchyard('agents', 'list');
    expect(list.stdout).toContain(
      `Agent host of an older Switchyard (protocol v0, pid ${host.hostPid}) still runs 1 agent: t_left`,
    );
    const stop = await switchyard('agents', 'stop', 't_left');
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain(`Stopped "t_left" (in the agent host of an older Switchyard, pid ${host.hostPid})`);
    await waitFor(() => !alive(pid), 'the agent to end');
  }, 60_000);

  it('a stop while no app runs reads "stopped from the command line" at the next start, not "exited"', async () => {
    const [kept, stopped] = await startThreads(['kept', 'stopped'], 4);
    await waitFor(async () => (await listed()).agents.filter((a) => a.pid !== null).length === 2, 'two agents');
    await app!.shutdownKeepingAgents();
    app = null;
    expect((await switchyard('agents', 'stop', 'stopped')).code).toBe(0);
    app = await openApp();
    expect(app.state.thread(stopped!.id)).toMatchObject({
      status: 'stopped',
      statusReason: 'stopped from the command line',
    });
    expect(['working', 'idle']).toContain(app.state.thread(kept!.id).status);
  }, 60_000);
});
