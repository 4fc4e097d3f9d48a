import path from 'node:path';
import type { EventChannel, EventOf } from '../../shared/contract';
import type { ClientLink } from '../api/client-link';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { makeRepo, makeTempDir } from './temp-repo';

export interface RecordedEvent {
  readonly event: EventChannel;
  readonly payload: EventOf<EventChannel>;
}

/** A window stand-in: records the events sent to it alone (its terminals' output). */
export function recordingClient(id = 'test-window'): ClientLink & { received: RecordedEvent[] } {
  const received: RecordedEvent[] = [];
  return { id, received, send: (event, payload) => received.push({ event, payload }) };
}

/** Everything a client received for one thread's terminal, in order. */
export function terminalText(client: { received: RecordedEvent[] }, threadId: string): string {
  return client.received
    .filter((e) => e.event === 'terminal.data' && (e.payload as { threadId: string }).threadId === threadId)
    .map((e) => (e.payload as { data: string }).data)
    .join('');
}

/** A real app over a temp data dir, with every broadcast event it emits recorded. */
export async function makeTestApp(
  dataDir: string,
  options: { agentHost?: boolean; usageEnv?: NodeJS.ProcessEnv } = {},
): Promise<{ app: SwitchyardApp; events: RecordedEvent[] }> {
  const app = await createSwitchyardApp({
    dataDir,
    distDir: path.resolve(__dirname, '..', '..', 'dist'),
    host: { kind: 'browser' },
    version: '0.0.0-test',
    log: () => undefined,
    // Agents in this process unless a test is about the agent host (agent-host/*.test.ts).
    agentHost: options.agentHost ?? false,
    // The agents' records of the test's own (never the user's ~/.claude) when a test writes some.
    usageEnv: options.usageEnv ?? { CLAUDE_CONFIG_DIR: path.join(dataDir, 'no-agent-records') },
  });
  const events: RecordedEvent[] = [];
  app.events.subscribe((event, payload) => events.push({ event, payload }));
  return { app, events };
}

export interface RepoWithApp {
  readonly temp: Awaited<ReturnType<typeof makeTempDir>>;
  readonly repo: string;
  readonly app: SwitchyardApp;
  readonly events: RecordedEvent[];
}

/** A temp folder holding a git repo (`files` committed, else a README) and a real app over its `data` folder. */
export async function repoWithApp(files?: Record<string, string>): Promise<RepoWithApp> {
  const temp = await makeTempDir();
  const repo = await makeRepo(temp.dir, 'repo', files);
  const { app, events } = await makeTestApp(path.join(temp.dir, 'data'));
  return { temp, repo, app, events };
}

/** Shuts the app down, then removes its temp folder. */
export async function closeRepoWithApp(app: SwitchyardApp, temp: { cleanup(): Promise<void> }): Promise<void> {
  await app.shutdown();
  await temp.cleanup();
}
