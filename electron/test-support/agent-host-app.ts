import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { shutDownAgentHosts } from '../agent-host/agent-host-client';
import type { ClientLink } from '../api/client-link';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { bundleNodeScript } from './bundle-script';
import { bundleDemoAgent } from './demo-agent';
import { makeRepo, makeTempDir } from './temp-repo';

/**
 * Bundles the real agent host as the build does into a folder of this test file's own (inside the
 * repository, so node-pty stays outside the bundle and is found there), once before its tests, and
 * removes it after them. Returns that folder: the `distDir` an app finds `agent-host.cjs` in.
 * `also` bundles more entry points beside it (file name → entry), e.g. the CLI.
 */
export function bundledAgentHostDir(
  name: string,
  options: { demoAgent?: boolean; also?: Record<string, string> } = {},
): string {
  const distDir = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', `${name}-${process.pid}`);
  beforeAll(async () => {
    await mkdir(distDir, { recursive: true });
    await bundleNodeScript(
      path.resolve(__dirname, '..', 'agent-host', 'agent-host-main.ts'),
      path.join(distDir, 'agent-host.cjs'),
    );
    if (options.demoAgent) await bundleDemoAgent(path.join(distDir, 'demo-agent.cjs'));
    for (const [file, entry] of Object.entries(options.also ?? {}))
      await bundleNodeScript(entry, path.join(distDir, file));
  }, 60_000);
  afterAll(() => rm(distDir, { recursive: true, force: true }));
  return distDir;
}

/** A real app over `dataDir` whose agents run in the agent host bundled in `distDir` (unless told otherwise). */
export function startAgentHostApp(
  dataDir: string,
  distDir: string,
  options: { agentHost?: boolean; log?: (message: string) => void } = {},
): Promise<SwitchyardApp> {
  return createSwitchyardApp({
    dataDir,
    distDir,
    host: { kind: 'browser' },
    version: '0.0.0-test',
    log: options.log ?? (() => undefined),
    agentHost: options.agentHost ?? true,
  });
}

/** Calls a channel as `client` would and returns its value, or throws naming the channel and the app's error. */
export async function dispatchOrThrow<T>(
  app: SwitchyardApp,
  client: ClientLink,
  channel: string,
  payload: unknown,
): Promise<T> {
  const result = await app.dispatch(channel, payload, client);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

export interface AgentHostAppsPerTest {
  /** This test's repository and data folder: new for each test. */
  readonly repo: string;
  readonly dataDir: string;
  /** The apps this test opened, shut down after it (a test may take one out when it went away itself). */
  readonly apps: SwitchyardApp[];
  /** Opens an app over this test's data folder, its agents in the agent host bundled in `distDir`. */
  openApp(): Promise<SwitchyardApp>;
}

/**
 * Before each test: a temp folder with a repository and a data folder; after it: every app it opened
 * shut down (and, with `shutDownHosts`, the data folder's agent hosts too), the folder removed.
 */
export function agentHostAppsPerTest(
  distDir: string,
  options: { log?: (message: string) => void; shutDownHosts?: boolean } = {},
): AgentHostAppsPerTest {
  let temp: Awaited<ReturnType<typeof makeTempDir>> | null = null;
  const each = {
    repo: '',
    dataDir: '',
    apps: [] as SwitchyardApp[],
    async openApp(): Promise<SwitchyardApp> {
      const app = await startAgentHostApp(each.dataDir, distDir, { log: options.log });
      each.apps.push(app);
      return app;
    },
  };
  beforeEach(async () => {
    temp = await makeTempDir();
    each.repo = await makeRepo(temp.dir);
    each.dataDir = path.join(temp.dir, 'data');
  });
  afterEach(async () => {
    for (const app of each.apps.splice(0)) await app.shutdown().catch(() => undefined);
    if (options.shutDownHosts) await shutDownAgentHosts(each.dataDir);
    await temp?.cleanup();
  });
  return each;
}
