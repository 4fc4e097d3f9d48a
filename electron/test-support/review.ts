/** Shared by the review tests: a real app over a temp data folder with the demo agent bundled. */
import path from 'node:path';
import type { Thread } from '../../shared/models';
import type { ClientLink } from '../api/client-link';
import { createSwitchyardApp, type SwitchyardApp, type SwitchyardOptions } from '../app/switchyard-app';
import { bundleDemoAgent } from './demo-agent';
import { bundleNodeScript } from './bundle-script';
import { makeRepo } from './temp-repo';
import type { RecordedEvent } from './test-app';

export interface ReviewTestApp {
  readonly app: SwitchyardApp;
  readonly events: RecordedEvent[];
  call<T = unknown>(channel: string, payload: unknown, client?: ClientLink): Promise<T>;
  /** The error a call fails with (kind and message), or throws if it succeeded. */
  callError(channel: string, payload: unknown): Promise<{ kind: string; message: string }>;
}

/**
 * Bundles the demo agent and the git worker once per test file into `distDir`, so tests never
 * depend on a built dist/.
 */
export async function prepareDist(distDir: string): Promise<void> {
  await bundleDemoAgent(path.join(distDir, 'demo-agent.cjs'));
  await bundleNodeScript(path.resolve(__dirname, '..', 'git', 'git-worker.ts'), path.join(distDir, 'git-worker.cjs'));
}

/** `options` adds to or overrides the test defaults (e.g. extra agent profiles, a reviewer timeout). */
export async function startReviewApp(
  dataDir: string,
  distDir: string,
  options: Partial<SwitchyardOptions> = {},
): Promise<ReviewTestApp> {
  const app = await createSwitchyardApp({
    dataDir,
    distDir,
    host: { kind: 'browser' },
    version: '0.0.0-test',
    log: () => undefined,
    ...options,
  });
  const events: RecordedEvent[] = [];
  app.events.subscribe((event, payload) => events.push({ event, payload }));
  const call = async <T>(channel: string, payload: unknown, client?: ClientLink): Promise<T> => {
    const result = await app.dispatch(channel, payload, client);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as T;
  };
  const callError = async (channel: string, payload: unknown) => {
    const result = await app.dispatch(channel, payload);
    if (result.ok) throw new Error(`${channel} succeeded but was expected to fail`);
    return result.error;
  };
  return { app, events, call, callError };
}

export interface RepoWithReviewApp {
  readonly repo: string;
  readonly dataDir: string;
  readonly t: ReviewTestApp;
  readonly projectId: string;
}

let opened = 0;
/**
 * A fresh repository (`files` committed) and data folder under `parentDir`, named apart from earlier
 * ones, with an app over `distDir` that has the repository open as a project.
 */
export async function repoWithReviewApp(
  parentDir: string,
  distDir: string,
  files: Record<string, string>,
  options: Partial<SwitchyardOptions> = {},
): Promise<RepoWithReviewApp> {
  opened++;
  const repo = await makeRepo(parentDir, `repo-${opened}`, files);
  const dataDir = path.join(parentDir, `data-${opened}`);
  const t = await startReviewApp(dataDir, distDir, options);
  const projectId = (await t.call<{ id: string }>('projects.open', { path: repo })).id;
  return { repo, dataDir, t, projectId };
}

/** A thread whose "agent" is a shell line (argv, no user text in it); it exits when the line ends. */
export function createShellThread(
  t: ReviewTestApp,
  projectId: string,
  name: string,
  script = 'true',
  brief?: Record<string, unknown>,
): Promise<Thread> {
  return t.call<Thread>('threads.create', {
    projectId,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', script],
    ...(brief ? { brief } : {}),
  });
}
