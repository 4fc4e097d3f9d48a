/**
 * The scripted demo agent, bundled and run in a real pty in a temp git repository, its output fed
 * to a StatusTracker exactly as the runtime does: real timers, real screen reads.
 */
import path from 'node:path';
import { spawn } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDemoAgent } from '../test-support/demo-agent';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { type StatusChange, StatusTracker } from './status-tracker';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let bundle: string;

beforeAll(async () => {
  temp = await makeTempDir('status-demo-');
  bundle = path.join(temp.dir, 'demo-agent.cjs');
  await bundleDemoAgent(bundle);
});

afterAll(async () => {
  await temp.cleanup();
});

async function startDemo(scenario: string, repoName: string) {
  const repo = await makeRepo(temp.dir, repoName);
  const changes: StatusChange[] = [];
  const size = { cols: 100, rows: 30 };
  const tracker = new StatusTracker({ profileId: 'demo', ...size, onChange: (change) => changes.push(change) });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const pty = spawn(process.execPath, [bundle, '--scenario', scenario, 'add a changelog'], {
    name: 'xterm-256color',
    ...size,
    cwd: repo,
    env: { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  });
  pty.onData((data) => tracker.output(data));
  const exited = new Promise<number>((resolve) =>
    pty.onExit(({ exitCode, signal }) => {
      tracker.exit(exitCode, signal ?? null, false);
      resolve(exitCode);
    }),
  );
  const answer = (text: string) => {
    pty.write(text);
    tracker.input();
  };
  const statusBecomes = (status: StatusChange['status']) =>
    waitFor(() => tracker.current.status === status, `status ${status}; saw ${JSON.stringify(changes)}`);
  return { tracker, changes, answer, exited, statusBecomes };
}

describe('the demo agent’s scenarios, read off its screen', () => {
  it('feature: working, then needs input with its question, then done once answered', async () => {
    const run = await startDemo('feature', 'feature');
    await run.statusBecomes('needs-input');
    expect(run.tracker.current).toEqual({ status: 'needs-input', reason: 'asks: Apply this edit? (y/n)' });
    expect(run.changes[0]).toEqual({ status: 'working', reason: null });
    run.answer('y\r');
    expect(await run.exited).toBe(0);
    expect(run.tracker.current).toEqual({ status: 'done', reason: 'exit 0: Done.' });
  });

  it('ask-twice: needs input, working again after the answer, then needs input again', async () => {
    const run = await startDemo('ask-twice', 'ask-twice');
    await run.statusBecomes('needs-input');
    run.answer('y\r');
    await waitFor(() => run.tracker.current.reason === 'asks: Commit these changes? (y/n)', 'the second question');
    run.answer('y\r');
    expect(await run.exited).toBe(0);
    const asked = run.changes.filter((change) => change.status === 'needs-input').map((change) => change.reason);
    expect(asked).toEqual(['asks: Apply this edit? (y/n)', 'asks: Commit these changes? (y/n)']);
  });

  it('fail: failed with its error line', async () => {
    const run = await startDemo('fail', 'fail');
    expect(await run.exited).toBe(1);
    expect(run.tracker.current).toEqual({
      status: 'failed',
      reason: 'exit 1: Error: the demo agent was told to fail',
    });
  });

  it('a declined question: failed with the line that says why', async () => {
    const run = await startDemo('feature', 'declined');
    await run.statusBecomes('needs-input');
    run.answer('n\r');
    expect(await run.exited).toBe(2);
    expect(run.tracker.current).toEqual({ status: 'failed', reason: 'exit 2: Stopped: the dispatcher declined.' });
  });
});
