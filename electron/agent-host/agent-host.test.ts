import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { type SwitchyardApp } from '../app/switchyard-app';
import { drawnLines } from '../terminals/screen-mirror';
import { agentHostAppsPerTest, bundledAgentHostDir, dispatchOrThrow } from '../test-support/agent-host-app';
import { waitFor } from '../test-support/temp-repo';
import { recordingClient, terminalText } from '../test-support/test-app';
import type { LiveAgent } from '../threads/thread-runtime';
import { AgentHostClient } from './agent-host-client';
import { agentHostPaths } from './protocol';

const distDir = bundledAgentHostDir('agent-host-test');

/** What the apps logged, shown when a wait times out. */
const logged: string[] = [];
const window = recordingClient();

const each = agentHostAppsPerTest(distDir, { log: (message) => logged.push(message) });
const { openApp } = each;

const call = <T>(app: SwitchyardApp, channel: string, payload: unknown) =>
  dispatchOrThrow<T>(app, window, channel, payload);

/** A second client of the host, as a test's window onto it: which agents it runs, and their screens. */
function hostView(): Promise<AgentHostClient> {
  return waitFor(
    () =>
      AgentHostClient.connect(agentHostPaths(each.dataDir), {
        onEvent: () => undefined,
        onData: () => undefined,
        onClose: () => undefined,
      }),
    `the agent host to answer (${agentHostPaths(each.dataDir).log}: ${safeRead(agentHostPaths(each.dataDir).log)})`,
  );
}

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(safeRead(`/proc/${pid}/status`));
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** An agent that says it is ready, then echoes each line typed into it. */
const echoAgent = (name: string) => [
  '/bin/sh',
  '-c',
  `echo "${name} ready"; for i in 1 2 3 4 5; do echo "${name} line $i"; done; while read line; do echo "${name} got $line"; done`,
];

describe('the agent host', () => {
  it('keeps agents running past the app; a new app adopts them with their screens, input and Stop', async () => {
    let app = await openApp();
    const project = await call<{ id: string }>(app, 'projects.open', { path: each.repo });
    const threads: Thread[] = [];
    for (const name of ['one', 'two', 'three']) {
      threads.push(
        await call<Thread>(app, 'threads.create', {
          projectId: project.id,
          name,
          profileId: 'custom',
          command: echoAgent(name),
        }),
      );
    }
    const view = await hostView();
    const live = await waitFor(async () => {
      const { live } = await view.request<{ live: LiveAgent[] }>('adopt');
      return live.length === 3 && live.every((agent) => agent.pid !== null) ? live : null;
    }, 'three agents in the host');
    const pids = new Map(live.map((agent) => [agent.threadId, agent.pid!]));
    // The host's folder and files are the owner's alone.
    const paths = agentHostPaths(each.dataDir);
    expect((await stat(paths.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(paths.control)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.token)).mode & 0o777).toBe(0o600);
    await waitFor(() => threads.every((t) => app.state.thread(t.id).status !== 'starting'), 'statuses');

    // The app goes away without stopping them.
    await app.shutdownKeepingAgents();
    for (const pid of pids.values()) expect(alive(pid)).toBe(true);

    app = await openApp();
    const [first] = threads;
    for (const thread of threads) expect(app.state.thread(thread.id).status).not.toMatch(/stopped|failed|done/);
    const { live: adopted } = await view.request<{ live: LiveAgent[] }>('adopt');
    expect(new Map(adopted.map((agent) => [agent.threadId, agent.pid]))).toEqual(pids);

    // The pane's snapshot draws exactly the host's screen.
    await call(app, 'terminal.resize', { threadId: first!.id, cols: 100, rows: 20 });
    const attached = await call<{ data: string; end: number }>(app, 'terminal.attach', { threadId: first!.id });
    const screen = await view.request<{ lines: string[]; cols: number; rows: number }>('screen', {
      threadId: first!.id,
    });
    expect(screen.cols).toBe(100);
    expect(await drawnLines(attached.data, 100, 20)).toEqual(screen.lines);
    expect(screen.lines.join('\n')).toContain('one line 5');

    // New output flows to the window.
    await call(app, 'terminal.input', { threadId: first!.id, data: 'hello\r' });
    await waitFor(() => terminalText(window, first!.id).includes('one got hello'), 'live output after adoption');

    // Stop still ends them.
    await call(app, 'threads.stop', { threadId: first!.id });
    await waitFor(() => !alive(pids.get(first!.id)!), 'the stopped agent gone');
    expect(app.state.thread(first!.id).status).toBe('stopped');
    view.close();
    const hostPid = Number(await readFile(paths.pid, 'utf8'));
    await app.shutdown();
    for (const pid of pids.values()) expect(alive(pid)).toBe(false);
    expect(alive(hostPid)).toBe(false);
  }, 60_000);

  it('says so when the agent host dies, leaves no agent behind, and resumes in a new host', async () => {
    const app = await openApp();
    const project = await call<{ id: string }>(app, 'projects.open', { path: each.repo });
    const thread = await call<Thread>(app, 'threads.create', {
      projectId: project.id,
      name: 'victim',
      profileId: 'custom',
      // Its child ignores the hangup a dead host's pty sends: the app still makes sure it ends.
      command: ['/bin/sh', '-c', `trap '' HUP; sleep 300 & ${echoAgent('victim')[2]}`],
    });
    const view = await hostView();
    const agent = await waitFor(async () => {
      const { live } = await view.request<{ live: LiveAgent[] }>('adopt');
      return live.find((a) => a.pid !== null);
    }, 'the agent running');
    const hostPid = view.hostPid;
    process.kill(hostPid, 'SIGKILL');
    await waitFor(
      () => app.state.thread(thread.id).statusReason?.includes('agent host stopped unexpectedly'),
      'the thread to say so',
      30_000,
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)}; thread: ${JSON.stringify(app.state.thread(thread.id))}; log: ${logged.join(' | ')}`,
      );
    });
    // Stopped with Switchyard, not failed: the agent did nothing wrong, and it can be resumed.
    expect(app.state.thread(thread.id)).toMatchObject({ status: 'stopped', stopCause: 'host-lost' });
    await waitFor(() => !alive(agent.pid!), 'the agent to die with its host');
    await waitFor(() => !processGroups().has(agent.pid!), 'its whole process group to be gone');

    await call(app, 'threads.resume', { threadId: thread.id });
    await waitFor(() => ['working', 'idle', 'needs-input'].includes(app.state.thread(thread.id).status), 'resumed');
    const newView = await hostView();
    expect(newView.hostPid).not.toBe(hostPid);
    newView.close();
  }, 60_000);
});

/** Process group ids of every live process on the machine. */
function processGroups(): Set<number> {
  const groups = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = safeRead(`/proc/${entry}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (stat && fields[0] !== 'Z') groups.add(Number(fields[2]));
  }
  return groups;
}
