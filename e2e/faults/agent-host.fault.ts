import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentHostClient } from '../../electron/agent-host/agent-host-client';
import { agentHostPaths } from '../../electron/agent-host/protocol';
import { drawnLines } from '../../electron/terminals/screen-mirror';
import type { LiveAgent } from '../../electron/threads/thread-runtime';
import { createScriptThread, eventually, faultWorkspace, threadNamed } from './support/fault-workspace';

function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** The test's own client of the agent host: which agents it runs (pids) and their screens. */
function hostView(dataDir: string, protocol?: number): Promise<AgentHostClient> {
  const idle = { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined };
  return eventually(
    () => AgentHostClient.connect(agentHostPaths(dataDir, protocol), idle, protocol),
    'the agent host',
  ) as Promise<AgentHostClient>;
}

/** The one agent a host runs, once it has a pid. */
async function oneAgent(view: AgentHostClient, what: string): Promise<LiveAgent> {
  const found = await eventually(async () => {
    const live = await liveAgents(view);
    return live.length === 1 && live[0]?.pid ? live[0] : null;
  }, what);
  return found!;
}

async function liveAgents(view: AgentHostClient): Promise<LiveAgent[]> {
  return (await view.request<{ live: LiveAgent[] }>('adopt')).live;
}

const echoScript = (name: string) =>
  `echo "${name} ready"; for i in 1 2 3 4 5 6; do echo "${name} line $i"; done; while read line; do echo "${name} got $line"; done`;

describe('agents outlive switchyard serve', () => {
  it('kill -9 of serve leaves three agents running; a restart adopts them with their screens, input and Stop', async () => {
    const workspace = await faultWorkspace();
    let host = await workspace.serve();
    let wire = await workspace.connect(host);
    const threads = [];
    for (const name of ['alpha', 'beta', 'gamma']) threads.push(await createScriptThread(wire, name, echoScript(name)));
    const view = await hostView(workspace.dataDir);
    const before = await eventually(async () => {
      const live = await liveAgents(view);
      return live.length === 3 && live.every((a) => a.pid !== null && a.status !== 'starting') ? live : null;
    }, 'three agents running in the agent host');
    const pids = new Map(before!.map((agent) => [agent.threadId, agent.pid!]));

    await host.crash();
    for (const pid of pids.values()) expect(alive(pid)).toBe(true);

    host = await workspace.serve();
    wire = await workspace.connect(host);
    const after = await liveAgents(view);
    expect(new Map(after.map((agent) => [agent.threadId, agent.pid]))).toEqual(pids);
    for (const thread of threads) {
      const now = await threadNamed(wire, thread.name);
      expect(now?.status).toMatch(/working|idle|needs-input/);
    }

    // The pane's first screen is the host's headless screen, drawn at the pane's size.
    const [alpha] = threads;
    await wire.call('terminal.resize', { threadId: alpha!.id, cols: 90, rows: 24 });
    const attached = await wire.call<{ data: string; end: number }>('terminal.attach', { threadId: alpha!.id });
    const screen = await view.request<{ lines: string[]; cols: number; rows: number }>('screen', {
      threadId: alpha!.id,
    });
    expect(screen).toMatchObject({ cols: 90, rows: 24 });
    expect(await drawnLines(attached.data, 90, 24)).toEqual(screen.lines);
    expect(screen.lines.join('\n')).toContain('alpha line 6');

    // New output flows to the window.
    const seen: string[] = [];
    wire.socket.on('message', (raw: Buffer) => seen.push(raw.toString()));
    await wire.call('terminal.input', { threadId: alpha!.id, data: 'after restart\r' });
    await eventually(() => seen.some((frame) => frame.includes('alpha got after restart')), 'live output');

    // Stop still ends them.
    for (const thread of threads) await wire.call('threads.stop', { threadId: thread.id });
    for (const pid of pids.values()) await eventually(() => !alive(pid), `agent ${pid} to end`);
    expect((await threadNamed(wire, 'alpha'))?.status).toBe('stopped');
    view.close();
  });

  it('when the agent host is killed the threads say so, no agent is orphaned, and Resume works', async () => {
    const workspace = await faultWorkspace();
    const host = await workspace.serve();
    const wire = await workspace.connect(host);
    const thread = await createScriptThread(wire, 'victim', `trap '' HUP; sleep 300 & ${echoScript('victim')}`);
    const view = await hostView(workspace.dataDir);
    const agent = await oneAgent(view, 'the agent running');
    const hostPid = view.hostPid;
    view.close();
    process.kill(hostPid, 'SIGKILL');
    await eventually(
      async () => reasonOf(await threadNamed(wire, 'victim'))?.includes('agent host stopped unexpectedly'),
      'the thread to say its agent host stopped',
    );
    await eventually(() => !alive(agent.pid!), 'the agent to die with its host');
    // Nothing of its process group is left: not even the sleep that ignores the pty's hangup.
    await eventually(() => !readProcGroups().has(agent.pid!), 'its process group to be gone');

    await wire.call('threads.resume', { threadId: thread.id });
    await eventually(
      async () => /working|idle|needs-input/.test((await threadNamed(wire, 'victim'))?.status ?? ''),
      'resumed',
    );
    const newView = await hostView(workspace.dataDir);
    expect(newView.hostPid).not.toBe(hostPid);
    newView.close();
  });

  it('leaves an agent host of another protocol version running its agents, and starts new agents in a new host', async () => {
    const workspace = await faultWorkspace();
    // An "older Switchyard": its app and the agent host it starts speak protocol 0.
    let host = await workspace.serve({ env: { SWITCHYARD_AGENT_HOST_PROTOCOL: '0' } });
    let wire = await workspace.connect(host);
    const old = await createScriptThread(wire, 'old', echoScript('old'));
    const oldView = await hostView(workspace.dataDir, 0);
    const oldAgent = await oneAgent(oldView, 'the old agent running');
    const oldHostPid = oldView.hostPid;
    oldView.close();
    await host.crash();

    host = await workspace.serve();
    wire = await workspace.connect(host);
    expect(host.output()).toMatch(/older Switchyard \(protocol v0/);
    expect(reasonOf(await threadNamed(wire, 'old'))).toMatch(/older Switchyard/);
    await expect(wire.call('threads.resume', { threadId: old.id })).rejects.toThrow(/still running/);
    await createScriptThread(wire, 'new', echoScript('new'));
    const newView = await hostView(workspace.dataDir);
    const newAgent = await oneAgent(newView, 'the new agent in a new host');
    expect(newView.hostPid).not.toBe(oldHostPid);
    expect(newAgent.threadId).not.toBe(old.id);
    expect(alive(oldHostPid)).toBe(true);
    expect(alive(oldAgent.pid!)).toBe(true);
    newView.close();
  });
});

/** Process group ids of every process on the machine. */
function readProcGroups(): Set<number> {
  const groups = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') groups.add(Number(fields[2]));
    } catch {
      // gone meanwhile
    }
  }
  return groups;
}

function reasonOf(thread: object | undefined): string | null | undefined {
  return (thread as { statusReason?: string | null } | undefined)?.statusReason;
}
