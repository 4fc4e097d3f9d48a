import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusChange } from '../status/status-tracker';
import { oneStepPlan, quietShellEnv } from '../test-support/launch-plan';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import { type LaunchPlan, ThreadRuntime } from './thread-runtime';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let runtime: ThreadRuntime;
let last: StatusChange | null;

beforeEach(async () => {
  temp = await makeTempDir();
  last = null;
  runtime = new ThreadRuntime({
    dataDir: temp.dir,
    maxRunning: () => 4,
    events: { onStatus: (_threadId, change) => (last = change) },
  });
});

afterEach(async () => {
  await runtime.stopAll();
  await temp.cleanup();
});

/** A plain shell thread, as the shell profile starts one, with a prompt the screen rules know. */
function shellPlan(threadId: string): LaunchPlan {
  return oneStepPlan({
    threadId,
    cwd: temp.dir,
    file: '/bin/bash',
    args: ['--norc', '--noprofile', '-i'],
    profileId: 'shell',
    env: quietShellEnv(),
  });
}

describe.skipIf(process.platform === 'win32')('a plain shell thread', () => {
  it('is working while a foreground program runs, even a silent one, and idle again at its prompt', async () => {
    runtime.start(shellPlan('t_shell'));
    await waitFor(() => last?.status === 'idle', 'the shell to sit at its prompt');
    expect(last?.reason).toBe('ready for a command');

    runtime.write('t_shell', 'sleep 3\r');
    await waitFor(() => last?.status === 'working', 'sleep to read as work', 3_000);
    expect(last?.reason).toBe('running sleep');
    // A silent program is still at work after the quiet spell that would otherwise mean idle (4 s).
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(last).toEqual({ status: 'working', reason: 'running sleep' });

    await waitFor(() => last?.status === 'idle', 'the shell to be back at its prompt', 5_000);
    expect(last?.reason).toBe('ready for a command');
  }, 20_000);

  it('notices a program that starts without printing anything (the periodic check)', async () => {
    runtime.start(shellPlan('t_quiet'));
    await waitFor(() => last?.status === 'idle', 'the shell to sit at its prompt');
    // Echo off: typing the command shows nothing, so only the periodic check can see it start.
    runtime.write('t_quiet', 'stty -echo\r');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(last?.status).toBe('idle');
    runtime.write('t_quiet', 'sleep 4\r');
    await waitFor(() => last?.status === 'working', 'the silent sleep to read as work', 3_000);
    expect(last?.reason).toBe('running sleep');
  }, 20_000);
});
