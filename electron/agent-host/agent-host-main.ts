/**
 * The agent host's process (dist/agent-host.cjs): started detached by the app (Electron's binary
 * with ELECTRON_RUN_AS_NODE=1, or node), one per data folder and protocol version, owning every
 * agent pty so agents outlive the window. `node agent-host.cjs --data-dir <folder>`.
 */
import { agentHostPaths, agentHostProtocol } from './protocol';
import { AgentHostServer } from './agent-host-server';
import { exposedCollection, startIdleCollector } from './idle-collector';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const dataDir = argument('--data-dir');
if (!dataDir) {
  console.error('usage: agent-host --data-dir <folder>');
  process.exit(2);
}
const protocol = agentHostProtocol;
const log = (message: string) => console.error(`${new Date().toISOString()} ${message}`);
const server = new AgentHostServer({
  paths: agentHostPaths(dataDir, protocol),
  dataDir,
  protocol,
  log,
  idleExitMs: Number(process.env.SWITCHYARD_AGENT_HOST_IDLE_MS ?? 10_000),
  onEnd: () => setTimeout(() => process.exit(0), 50),
});

/** Last resort: the agents' process groups die with the host, never orphaned. */
function killAgents(): void {
  for (const pid of server.agentPids()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => void server.end(`${signal}`));
}
process.on('uncaughtException', (error) => {
  log(`[agent-host] ${error.stack ?? String(error)}`);
  killAgents();
  process.exit(70);
});
process.on('exit', killAgents);

// A burst's garbage (thread starts, attaches) given back once the heap settles (idle-collector.ts).
const collect = exposedCollection();
const collector = collect ? startIdleCollector({ collect }) : null;
server.onRequest(() => collector?.wake());

server.listen().then(
  () => log(`[agent-host] pid ${process.pid} serving ${dataDir} (protocol ${protocol})`),
  (error: unknown) => {
    log(`[agent-host] could not start: ${String(error)}`);
    process.exit(1);
  },
);
