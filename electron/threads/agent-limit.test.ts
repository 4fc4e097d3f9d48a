import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusChange } from '../status/status-tracker';
import { oneStepPlan, quietShellEnv } from '../test-support/launch-plan';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import { type LaunchPlan, ThreadRuntime } from './thread-runtime';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let runtime: ThreadRuntime;
let limit: number;
const last = new Map<string, StatusChange>();

beforeEach(async () => {
  temp = await makeTempDir();
  last.clear();
  limit = 1;
  runtime = new ThreadRuntime({
    dataDir: temp.dir,
    maxRunning: () => limit,
    events: { onStatus: (threadId, change) => last.set(threadId, change) },
  });
});

afterEach(async () => {
  await runtime.stopAll();
  await temp.cleanup();
});

function plan(threadId: string, profileId: string, file: string, args: string[]): LaunchPlan {
  return oneStepPlan({
    threadId,
    threadName: `Thread ${threadId}`,
    cwd: temp.dir,
    file,
    args,
    profileId,
    env: quietShellEnv(),
  });
}

/** An agent that runs until a line is typed into it. */
const agent = (id: string) => plan(id, 'custom', '/bin/sh', ['-c', `echo ${id}-up; read x; echo ${id}-done`]);
const shell = (id: string) => plan(id, 'shell', '/bin/bash', ['--norc', '--noprofile', '-i']);

const statusOf = (id: string) => last.get(id)?.status;
const reasonOf = (id: string) => last.get(id)?.reason ?? '';

async function finish(id: string): Promise<void> {
  await waitFor(() => statusOf(id) === 'working' || statusOf(id) === 'idle', `${id} to run`);
  runtime.write(id, '\r');
  await waitFor(() => statusOf(id) === 'done', `${id} to finish`);
}

describe.skipIf(process.platform === 'win32')('the agent limit', () => {
  it('does not count plain shells: idle shells never hold an agent back', async () => {
    for (const id of ['s1', 's2', 's3']) runtime.start(shell(id));
    runtime.start(agent('a'));
    expect(runtime.isRunning('a')).toBe(true);
    for (const id of ['s1', 's2', 's3']) expect(runtime.isRunning(id)).toBe(true);
    // A shell started past the limit runs at once too.
    runtime.start(shell('s4'));
    expect(runtime.isRunning('s4')).toBe(true);

    runtime.start(agent('b'));
    expect(runtime.isQueued('b')).toBe(true);
    expect(reasonOf('b')).toBe('waiting for a free agent slot (1 of 1 running: "Thread a")');
  });

  it('names the threads holding the slots, in the status and in the queued terminal', async () => {
    limit = 2;
    runtime.start(agent('a'));
    runtime.start(agent('b'));
    runtime.start(agent('c'));
    expect(statusOf('c')).toBe('queued');
    expect(reasonOf('c')).toBe('waiting for a free agent slot (2 of 2 running: "Thread a", "Thread b")');
    expect(runtime.liveAgents().find((a) => a.threadId === 'c')?.reason).toBe(reasonOf('c'));
    const screen = await waitFor(async () => {
      const lines = (await runtime.screenLines('c'))?.lines.join('\n') ?? '';
      return lines.includes('Queued') ? lines : null;
    }, 'the queued notice on the terminal');
    expect(screen).toContain('"Thread a", "Thread b"');
    expect(screen).toContain('Start anyway');

    // A holder ends: the next in line takes its slot, and the one still waiting names the new holders.
    runtime.start(agent('d'));
    await finish('a');
    await waitFor(() => runtime.isRunning('c'), 'c to take the freed slot');
    expect(runtime.isQueued('d')).toBe(true);
    expect(reasonOf('d')).toBe('waiting for a free agent slot (2 of 2 running: "Thread b", "Thread c")');
  });

  it('starts a queued thread anyway, past the limit, and the queue still drains as slots free up', async () => {
    runtime.start(agent('a'));
    runtime.start(agent('b'));
    runtime.start(agent('c'));
    expect(runtime.isQueued('b') && runtime.isQueued('c')).toBe(true);

    expect(await runtime.startNow('c')).toBe(true);
    expect(runtime.isRunning('c')).toBe(true);
    expect(statusOf('c')).not.toBe('queued');
    await waitFor(() => statusOf('c') === 'working' || statusOf('c') === 'idle', 'c to run past the limit');
    expect(runtime.isQueued('b')).toBe(true);
    expect(reasonOf('b')).toBe('waiting for a free agent slot (2 of 1 running: "Thread a", "Thread c")');

    // Started anyway, c holds a slot: a's end leaves b waiting (one still runs, the limit is one)…
    await finish('a');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runtime.isQueued('b')).toBe(true);
    expect(reasonOf('b')).toBe('waiting for a free agent slot (1 of 1 running: "Thread c")');
    // …and c's end starts it.
    await finish('c');
    await waitFor(() => runtime.isRunning('b'), 'b to start once no slot is held');
    await finish('b');

    expect(await runtime.startNow('b')).toBe(false);
    expect(await runtime.startNow('nobody')).toBe(false);
  });
});
