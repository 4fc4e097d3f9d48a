import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach } from 'vitest';
import { makeRepo, makeTempDir } from '../../../electron/test-support/temp-repo';
import { type ServeOptions, type ServeProcess, startServe } from './serve-process';
import { Wire } from './wire';
import { shutDownAgentHosts } from '../../../electron/agent-host/agent-host-client';

export interface FaultWorkspace {
  readonly root: string;
  readonly repo: string;
  readonly dataDir: string;
  /** Starts `switchyard serve` on this workspace's data folder with the repository open. */
  serve(options?: Partial<ServeOptions>): Promise<ServeProcess>;
  /** A window on a host, closed after the test. */
  connect(host: ServeProcess): Promise<Wire>;
}

interface Thread {
  id: string;
  name: string;
  branch: string;
  worktreePath: string;
  status: string;
  worktreeMissing: boolean;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh repository and data folder per test; every host and window is taken down afterwards. */
export async function faultWorkspace(files?: Record<string, string>): Promise<FaultWorkspace> {
  const temp = await makeTempDir('switchyard-fault-');
  cleanups.push(temp.cleanup);
  const repo = await makeRepo(temp.dir, 'repo', files);
  const dataDir = path.join(temp.dir, 'data');
  await mkdir(dataDir, { recursive: true });
  // Agents outlive a crashed serve in their agent host: end it (and them) before the folder goes.
  cleanups.push(() => shutDownAgentHosts(dataDir));
  return {
    root: temp.dir,
    repo,
    dataDir,
    serve: async (options = {}) => {
      const host = await startServe({ dataDir, repo, ...options });
      cleanups.push(() => host.crash());
      return host;
    },
    connect: async (host) => {
      const wire = await Wire.open(host);
      cleanups.push(() => wire.close());
      return wire;
    },
  };
}

export async function onlyProjectId(wire: Wire): Promise<string> {
  const projects = await wire.call<{ id: string }[]>('projects.list');
  if (projects.length !== 1) throw new Error(`expected one open project, found ${projects.length}`);
  return projects[0]!.id;
}

/** A thread whose "agent" is a shell script: the fault tests need agents that do exactly one thing. */
export async function createScriptThread(wire: Wire, name: string, script: string): Promise<Thread> {
  const projectId = await onlyProjectId(wire);
  return wire.call<Thread>('threads.create', {
    projectId,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', script],
  });
}

export async function threadNamed(wire: Wire, name: string): Promise<Thread | undefined> {
  const threads = await wire.call<Thread[]>('threads.list');
  return threads.find((thread) => thread.name === name);
}

/** Polls until `probe` returns something truthy; the fault tests wait on real processes. */
export async function eventually<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The host still does its job: a request on a fresh window is answered promptly. */
export async function assertAnswering(host: ServeProcess, withinMs = 5_000): Promise<void> {
  if (!host.alive()) throw new Error(`the host died:\n${host.output().slice(-2000)}`);
  const wire = await Wire.open(host);
  try {
    const started = Date.now();
    const result = await wire.request('app.info', {}, withinMs);
    if (!result.ok) throw new Error(`app.info failed: ${result.error?.message}`);
    if (Date.now() - started > withinMs) throw new Error(`app.info took ${Date.now() - started} ms`);
  } finally {
    wire.close();
  }
}
