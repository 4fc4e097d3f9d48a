/**
 * The typed first prompt and the follow-up queue on real ptys: the scripted demo agent asks a
 * sign-in question or a trust question before its input box, and records every message its box
 * takes (.demo-inbox.jsonl), so these tests see exactly what arrived, and when.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp } from '../../shared/follow-ups';
import type { StatusChange } from '../status/status-tracker';
import { bundleDemoAgent } from '../test-support/demo-agent';
import { oneStepPlan } from '../test-support/launch-plan';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { ThreadRuntime } from './thread-runtime';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let bundle: string;
const runtimes: ThreadRuntime[] = [];

beforeAll(async () => {
  temp = await makeTempDir('typed-prompt-');
  bundle = path.join(temp.dir, 'demo-agent.cjs');
  await bundleDemoAgent(bundle);
}, 60_000);

afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.stopAll()));
  await temp.cleanup();
});

const threadId = 't_typed';
/** The idle fallback (4 s of silence) decides each turn for the generic rules: a few turns take a while. */
const turnMs = 20_000;

async function startAgent(name: string, scenario: string, typedPrompt: string | null) {
  const repo = await makeRepo(temp.dir, name);
  const statuses: StatusChange[] = [];
  const queues: FollowUp[][] = [];
  const runtime = new ThreadRuntime({
    dataDir: path.join(temp.dir, `${name}-data`),
    maxRunning: () => 4,
    events: {
      onStatus: (_id, change) => statuses.push(change),
      onFollowUps: (_id, items) => queues.push([...items]),
    },
  });
  runtimes.push(runtime);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // A custom profile (the default): the generic screen rules only, as for any tool Switchyard has no rules for.
  const plan = oneStepPlan({
    threadId,
    cwd: repo,
    cols: 100,
    rows: 60,
    file: process.execPath,
    args: [bundle, '--scenario', scenario],
    env: { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
    typedPrompt,
  });
  runtime.start(plan);
  const received = async (): Promise<string[]> => {
    try {
      const text = await readFile(path.join(repo, '.demo-inbox.jsonl'), 'utf8');
      return text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { message: string }).message);
    } catch {
      return [];
    }
  };
  const screen = async (): Promise<string[]> => (await runtime.screenLines(threadId))?.lines ?? [];
  const current = () => statuses.at(-1);
  /** Waits for `count` messages to have arrived; on a timeout says what the screen and statuses were. */
  const receivedCount = async (count: number, timeoutMs: number): Promise<void> => {
    try {
      await waitFor(async () => (await received()).length >= count, `${count} message(s)`, timeoutMs);
    } catch (error) {
      const seen = `statuses ${JSON.stringify(statuses)}\nscreen:\n${(await screen()).join('\n').trimEnd()}`;
      throw new Error(`${(error as Error).message}\n${seen}`, { cause: error });
    }
  };
  return { runtime, repo, statuses, queues, received, receivedCount, screen, current };
}

describe('the typed first prompt', () => {
  it('waits through a sign-in question, then goes once, as one multi-line message; follow-ups follow in order, one per turn', async () => {
    const prompt = 'Fix the login bug.\nSteps:\n1. read auth.ts\n2. add a test';
    const agent = await startAgent('login', 'login-first', prompt);
    const asked = await waitFor(
      () => (agent.current()?.status === 'needs-input' ? agent.current() : null),
      `needs-input; saw ${JSON.stringify(agent.statuses)}`,
    );
    expect(asked.reason).toBe('asks: Would you like to log in? (y/n); prompt waiting to be typed');
    expect(await agent.runtime.followUps(threadId)).toMatchObject([{ kind: 'prompt', text: prompt }]);
    // Queued while the question is on screen: it waits too, behind the prompt.
    expect(agent.runtime.sendMessage(threadId, 'first follow-up')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const beforeAnswer = (await agent.screen()).join('\n');
    expect(beforeAnswer).not.toContain('Fix the login bug');
    expect(beforeAnswer).not.toContain('first follow-up');
    expect(await agent.received()).toEqual([]);
    expect(agent.current()?.status).toBe('needs-input');

    agent.runtime.write(threadId, 'y\r');
    await agent.receivedCount(1, turnMs);
    expect(await agent.received()).toEqual([prompt]);
    // Once typed, the reason no longer says it waits.
    await waitFor(
      () => !agent.current()?.reason?.includes('prompt waiting'),
      `the note to go; saw ${JSON.stringify(agent.statuses)}`,
    );
    agent.runtime.sendMessage(threadId, 'second follow-up');
    await agent.receivedCount(3, 2 * turnMs);
    expect(await agent.received()).toEqual([prompt, 'first follow-up', 'second follow-up']);
    expect(await agent.runtime.followUps(threadId)).toEqual([]);
    // One per ready turn: each message was typed only after the agent had finished the one before.
    const transcript = (await agent.screen()).join('\n');
    const at = (text: string) => transcript.indexOf(text);
    expect(at('Done with message 1.')).toBeGreaterThan(-1);
    expect(at('first follow-up')).toBeGreaterThan(at('Done with message 1.'));
    expect(at('second follow-up')).toBeGreaterThan(at('Done with message 2.'));
    // The queue's changes were announced: the prompt and the follow-ups, then each delivery.
    expect(agent.queues.at(-1)).toEqual([]);
  }, 90_000);

  it('waits through a trust dialog, then is typed once', async () => {
    const agent = await startAgent('trust', 'trust-first', 'add a changelog entry');
    await waitFor(
      () => agent.current()?.status === 'needs-input',
      `needs-input; saw ${JSON.stringify(agent.statuses)}`,
    );
    expect(agent.current()?.reason).toContain('Do you trust the files in this folder?');
    expect(agent.current()?.reason).toContain('prompt waiting to be typed');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await agent.received()).toEqual([]);
    agent.runtime.write(threadId, 'y\r');
    await agent.receivedCount(1, turnMs);
    // Give a second delivery the chance it must not take.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await agent.received()).toEqual(['add a changelog entry']);
  }, 60_000);

  it('a quick agent whose screen never leaves ready still gets each queued message, in order', async () => {
    // The echo agent answers inside the tracker's echo window: its status stays idle throughout.
    const agent = await startAgent('quick', 'echo', null);
    await waitFor(() => agent.current()?.status === 'idle', `idle; saw ${JSON.stringify(agent.statuses)}`, turnMs);
    agent.runtime.sendMessage(threadId, 'one');
    agent.runtime.sendMessage(threadId, 'two');
    agent.runtime.sendMessage(threadId, 'three');
    await waitFor(
      async () => (await agent.screen()).join('\n').includes('received: three'),
      'all three echoed',
      3 * turnMs,
    );
    const transcript = (await agent.screen()).join('\n');
    expect(transcript.indexOf('received: one')).toBeLessThan(transcript.indexOf('received: two'));
    expect(transcript.indexOf('received: two')).toBeLessThan(transcript.indexOf('received: three'));
  }, 90_000);

  it('goes as one line to a program without bracketed paste', async () => {
    const scenario = path.join(temp.dir, 'plain-box.json');
    await writeFile(
      scenario,
      JSON.stringify({
        name: 'plain-box',
        steps: [{ print: 'Ready.' }, { inbox: { record: '.demo-inbox.jsonl', bracketedPaste: false } }],
      }),
    );
    const agent = await startAgent('plain', scenario, 'first line\nsecond line');
    await agent.receivedCount(1, turnMs);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await agent.received()).toEqual(['first line second line']);
  }, 40_000);
});
