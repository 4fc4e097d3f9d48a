import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ClientLink } from '../api/client-link';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { bundleNodeScript } from './bundle-script';
import { bundleDemoAgent } from './demo-agent';

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
