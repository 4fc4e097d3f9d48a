import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { plural } from '../../shared/plural';
import { defaultDataDir } from '../app/app-paths';
import { AgentHostClient, otherVersionHosts, processGone, shutDownAgentHosts } from '../agent-host/agent-host-client';
import { agentHostPaths, agentHostProtocol } from '../agent-host/protocol';
import type { LiveAgent } from '../threads/thread-runtime';
import { UsageError, withUsageErrors } from './args';
import { printableName } from '../../shared/display-name';

export const agentsHelp = `Usage: switchyard agents list [--json] [--data-dir PATH]
       switchyard agents stop (--all | THREAD...) [--data-dir PATH]

The agents running in the agent host, the process that keeps them alive while no Switchyard
window or server is open (one per data folder).

  list             each running or queued agent: thread name, process id, status, since when
  stop THREAD...   stop these threads' agents (by thread name or id); a Switchyard running on the
                   same data folder sees them stop ("stopped from the command line")
  stop --all       stop every agent, then the agent host itself
  --json           (list) print one object: {"dataDir", "host", "agents", "olderHosts"}
  --data-dir PATH  the data folder (default: ${defaultDataDir()})`;

/** One agent as `list` shows it. */
export interface AgentRow {
  readonly threadId: string;
  readonly name: string | null;
  readonly pid: number | null;
  readonly state: LiveAgent['state'];
  readonly status: LiveAgent['status'];
  readonly reason: string | null;
  /** When it started (or, while queued, began to wait); null from an agent host that does not say. */
  readonly since: string | null;
}

const idle = { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined };

/** The thread names from state.json; read, never written (a running Switchyard owns the file). */
const NamesSchema = z.object({ threads: z.array(z.object({ id: z.string(), name: z.string() })).default([]) });

export async function runAgents(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'list') return listAgents(rest);
  if (action === 'stop') return stopAgents(rest);
  throw new UsageError(action ? `unknown action "${action}" (list or stop)` : 'say what to do: list or stop');
}

async function listAgents(argv: string[]): Promise<number> {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    }),
  );
  if (positionals.length > 0) throw new UsageError(`list takes no threads (got "${positionals.join(' ')}")`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const names = await threadNames(dataDir);
  const client = await AgentHostClient.connect(agentHostPaths(dataDir), idle);
  let agents: AgentRow[] = [];
  if (client) {
    try {
      agents = (await hostAgents(client)).map((agent) => ({ ...agent, name: names.get(agent.threadId) ?? agent.name }));
    } finally {
      client.close();
    }
  }
  const olderHosts = (await otherVersionHosts(dataDir)).map((host) => ({
    ...host,
    threads: host.threads.map((threadId) => ({ threadId, name: names.get(threadId) ?? null })),
  }));
  const host = client ? { pid: client.hostPid, protocol: agentHostProtocol } : null;
  if (values.json) {
    console.log(JSON.stringify({ dataDir, host, agents, olderHosts }));
    return 0;
  }
  if (!host && olderHosts.length === 0) {
    console.log(`No agent host runs for ${dataDir}, so no agent runs there without a Switchyard window or server.`);
    return 0;
  }
  if (host) {
    console.log(`Agent host pid ${host.pid} (${dataDir}): ${plural(agents.length, 'agent')}.`);
    if (agents.length > 0) printAgents(agents);
  }
  for (const older of olderHosts) {
    console.log(
      `Agent host of an older Switchyard (protocol v${older.protocol}, pid ${older.pid}) still runs ${plural(older.threads.length, 'agent')}: ` +
        `${older.threads.map((t) => t.name ?? t.threadId).join(', ') || 'none'}. It ends by itself once they exit.`,
    );
  }
  return 0;
}

async function stopAgents(argv: string[]): Promise<number> {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { all: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    }),
  );
  if (values.all && positionals.length > 0) throw new UsageError('give either --all or thread names, not both');
  if (!values.all && positionals.length === 0) throw new UsageError('say which threads to stop, or --all');
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const names = await threadNames(dataDir);
  const client = await AgentHostClient.connect(agentHostPaths(dataDir), idle);
  try {
    const agents: Target[] = client
      ? (await hostAgents(client)).map((agent) => ({ ...agent, name: names.get(agent.threadId) ?? agent.name }))
      : [];
    if (values.all) {
      if (client) return await stopEverything(client, agents, dataDir);
      // Only hosts of other versions may run: they are stopped whole.
      const older = await otherVersionHosts(dataDir);
      await shutDownAgentHosts(dataDir);
      const count = older.reduce((n, h) => n + h.threads.length, 0);
      console.log(
        older.length > 0
          ? `Stopped the agent host of an older Switchyard with ${plural(count, 'agent')}.`
          : `No agent host runs for ${dataDir}: nothing to stop.`,
      );
      return 0;
    }
    // Agents left in an older Switchyard's agent host are found, and stopped, through that host.
    const older: Target[] = (await otherVersionHosts(dataDir)).flatMap((host) =>
      host.threads.map((threadId) => ({
        threadId,
        name: names.get(threadId) ?? null,
        pid: null,
        olderHost: { protocol: host.protocol, pid: host.pid },
      })),
    );
    if (!client && older.length === 0) {
      console.error(`switchyard agents: no agent host runs for ${dataDir}, so no agent runs there to stop.`);
      return 1;
    }
    // Every name is checked before anything stops: a typo stops nothing.
    const candidates = [...agents, ...older];
    const chosen: Target[] = [];
    for (const wanted of positionals) {
      const agent = findAgent(candidates, wanted);
      if (!agent) {
        const running = candidates.map((a) => `"${a.name ?? a.threadId}"`).join(', ') || 'none';
        console.error(
          `switchyard agents: no running agent of a thread named "${wanted}" (running: ${running}); nothing was stopped.`,
        );
        return 1;
      }
      if (!chosen.includes(agent)) chosen.push(agent);
    }
    for (const agent of chosen) {
      const name = agent.name ?? agent.threadId;
      if (agent.olderHost) {
        await stopInOlderHost(dataDir, agent.threadId, agent.olderHost.protocol);
        console.log(`Stopped "${name}" (in the agent host of an older Switchyard, pid ${agent.olderHost.pid}).`);
        continue;
      }
      await client!.request('stop', { threadId: agent.threadId, reason: 'command-line' });
      console.log(`Stopped "${name}"${agent.pid === null ? ' (it was queued)' : ` (pid ${agent.pid})`}.`);
    }
    return 0;
  } finally {
    client?.close();
  }
}

/** A thread to stop: an agent of the current host, or one left in an older Switchyard's host. */
interface Target {
  readonly threadId: string;
  readonly name: string | null;
  readonly pid: number | null;
  readonly olderHost?: { readonly protocol: number; readonly pid: number };
}

/** Stops one agent through an older Switchyard's host, in that host's own protocol version. */
async function stopInOlderHost(dataDir: string, threadId: string, protocol: number): Promise<void> {
  const older = await AgentHostClient.connect(agentHostPaths(dataDir, protocol), idle, protocol);
  if (!older) return;
  try {
    await older.request('stop', { threadId });
  } finally {
    older.close();
  }
}

/** Stops every agent, then, when none is left (no app started one meanwhile), the host itself and any older host. */
async function stopEverything(client: AgentHostClient, agents: readonly Target[], dataDir: string): Promise<number> {
  await client.request('stopAll', { reason: 'command-line' });
  const left = await hostAgents(client);
  console.log(
    `Stopped ${plural(agents.length, 'agent')}${agents.length > 0 ? ` (${agents.map((a) => a.name ?? a.threadId).join(', ')})` : ''}.`,
  );
  if (left.length > 0) {
    console.log(`${plural(left.length, 'agent')} started meanwhile, so the agent host keeps running.`);
    return 1;
  }
  await client.request('shutdown').catch(() => undefined);
  const deadline = Date.now() + 5_000;
  while (!(await processGone(client.hostPid)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await shutDownAgentHosts(dataDir);
  console.log(`Stopped the agent host (pid ${client.hostPid}).`);
  return 0;
}

/** What the host runs; from a host without `agents` (an older Switchyard), without names and times. */
async function hostAgents(client: AgentHostClient): Promise<AgentRow[]> {
  try {
    // Names are printed to a terminal: a name recorded before names had to be printable must not act on it.
    const agents = await client.request<AgentRow[]>('agents');
    return agents.map((agent) => ({ ...agent, name: agent.name === null ? null : printableName(agent.name) }));
  } catch (error) {
    if (!/unknown request/.test(String(error))) throw error;
    const { live } = await client.request<{ live: LiveAgent[] }>('adopt');
    return live.map((agent) => ({ ...agent, name: null, since: null }));
  }
}

/** By id, then by name (exactly, then ignoring case). */
function findAgent<T extends { threadId: string; name: string | null }>(
  agents: readonly T[],
  wanted: string,
): T | undefined {
  return (
    agents.find((a) => a.threadId === wanted) ??
    agents.find((a) => a.name === wanted) ??
    agents.find((a) => a.name?.toLowerCase() === wanted.toLowerCase())
  );
}

async function threadNames(dataDir: string): Promise<Map<string, string>> {
  try {
    const parsed = NamesSchema.parse(JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')));
    return new Map(parsed.threads.map((t) => [t.id, printableName(t.name)]));
  } catch {
    return new Map();
  }
}

function printAgents(agents: readonly AgentRow[]): void {
  const rows = agents.map((a) => [
    a.name ?? a.threadId,
    a.pid === null ? '-' : String(a.pid),
    a.status,
    a.since ? `${a.since.slice(0, 19).replace('T', ' ')}Z (${ago(a.since)})` : '?',
    a.reason ?? '',
  ]);
  const header = ['THREAD', 'PID', 'STATUS', 'SINCE', 'DETAIL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m ago`;
}
