import { chmod, mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageSummaryView } from '../../shared/contract/usage';
import type { Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { type FakeClaudeScript, fakeClaudePrompt, writeFakeClaude } from '../test-support/fake-claude';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp, type RecordedEvent } from '../test-support/test-app';
import { appendLines, codexSessionMeta, codexTokenCount, codexTurnContext } from '../test-support/usage-logs';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let app: SwitchyardApp;
let events: RecordedEvent[];
let repo: string;
let configDir: string;
let codexHome: string;
const savedPath = process.env.PATH;

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir);
  configDir = path.join(temp.dir, 'claude-config');
  // Claude Code keeps this folder once it has run: watched from the start.
  await mkdir(path.join(configDir, 'projects'), { recursive: true });
  const bin = path.join(temp.dir, 'bin');
  await writeFakeClaude(bin);
  process.env.PATH = [bin, savedPath].join(path.delimiter);
  // A stand-in `codex` that only waits: the test writes its rollout the way Codex does.
  await writeFile(
    path.join(bin, 'codex'),
    '#!/bin/sh\n[ "$1" = --version ] && echo "codex-cli 0.63.0" && exit 0\nsleep 60\n',
  );
  await chmod(path.join(bin, 'codex'), 0o755);
  codexHome = path.join(temp.dir, 'codex-home');
  await mkdir(path.join(codexHome, 'sessions'), { recursive: true });
  ({ app, events } = await makeTestApp(path.join(temp.dir, 'data'), {
    usageEnv: { CLAUDE_CONFIG_DIR: configDir, CODEX_HOME: codexHome },
  }));
});

afterEach(async () => {
  await app.shutdown();
  process.env.PATH = savedPath;
  await temp.cleanup();
});

async function call<T = unknown>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

async function claudeThread(name: string, script: Omit<FakeClaudeScript, 'configDir'>): Promise<Thread> {
  const project = await call<{ id: string }>('projects.open', { path: repo });
  return call<Thread>('threads.create', {
    projectId: project.id,
    name,
    profileId: 'claude',
    prompt: fakeClaudePrompt({ configDir, ...script }),
  });
}

const threadOf = (id: string) => app.state.threads().find((t) => t.id === id);

describe("a thread's usage from its agent's own session log", () => {
  it('is saved on the thread, announced, listed by threads.list and summed by usage.summary', async () => {
    const thread = await claudeThread('Spend', { turns: 2, everyMs: 200, input: 10, output: 1000, cacheRead: 500 });
    const usage = await waitFor(
      () => (threadOf(thread.id)?.usage?.outputTokens === 2000 ? threadOf(thread.id)?.usage : null),
      'the usage of both turns',
    );
    expect(usage).toMatchObject({
      inputTokens: 20,
      outputTokens: 2000,
      cacheReadTokens: 1000,
      cacheWriteTokens: 0,
      model: 'claude-sonnet-4-5-20250929',
    });
    // Sonnet 4.5: $3 in, $15 out, $0.30 cache read per million.
    expect(usage.costUsd).toBeCloseTo((20 * 3 + 2000 * 15 + 1000 * 0.3) / 1e6, 9);
    await waitFor(
      () => events.some((e) => e.event === 'thread.updated' && (e.payload as Thread).usage?.outputTokens === 2000),
      'thread.updated with the usage',
    );
    const listed = await call<Thread[]>('threads.list', {});
    expect(listed.find((t) => t.id === thread.id)?.usage).toEqual(usage);

    const summary = await waitFor(async () => {
      const s = await call<UsageSummaryView>('usage.summary', { projectId: thread.projectId });
      return s.total.outputTokens === 2000 ? s : null;
    }, 'the cost log to hold both turns');
    expect(summary.projects).toEqual([expect.objectContaining({ projectId: thread.projectId, outputTokens: 2000 })]);
    expect(summary.models).toEqual([expect.objectContaining({ model: 'claude-sonnet-4-5-20250929' })]);
    expect(summary.threads.map((t) => t.threadId)).toEqual([thread.id]);
    expect(summary.days).toHaveLength(1);
    expect(summary.days[0]?.costUsd).toBeCloseTo(usage.costUsd ?? 0, 6);
    expect(summary.planRuns).toEqual([]);
    const otherProject = await call<UsageSummaryView>('usage.summary', { projectId: 'p_other' });
    expect(otherProject.total.outputTokens).toBe(0);
    const future = await call<UsageSummaryView>('usage.summary', { since: '2999-01-01T00:00:00.000Z' });
    expect(future.total.outputTokens).toBe(0);
  });

  it('warns at 80 % of a budget, marks it over at 100 % and stops the agent when asked', async () => {
    // 1,010 tokens a turn against 5,000: the 4th turn is at 80 %, the 5th over.
    const thread = await claudeThread('Capped', { turns: 20, everyMs: 700, input: 10, output: 1000 });
    await call('usage.setThreadBudget', {
      threadId: thread.id,
      budget: { unit: 'tokens', limit: 5000, stopAtLimit: true },
    });
    const stopped = await waitFor(
      () => (threadOf(thread.id)?.status === 'stopped' ? threadOf(thread.id) : null),
      'the agent to be stopped at its budget',
      20_000,
    );
    expect(stopped.statusReason).toBe('stopped at its budget');
    expect(stopped.budgetAlert).toMatchObject({ level: 'over', scope: 'thread' });
    expect(app.threads.isActive(thread.id)).toBe(false);
    const alerts = events
      .filter((e) => e.event === 'thread.updated' && (e.payload as Thread).id === thread.id)
      .map((e) => (e.payload as Thread).budgetAlert?.level);
    expect(alerts).toContain('warning');
    expect(alerts.indexOf('warning')).toBeLessThan(alerts.indexOf('over'));
    // Stopped for good: no more turns are counted.
    const spent = stopped.usage?.outputTokens;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(threadOf(thread.id)?.usage?.outputTokens).toBe(spent);
  }, 30_000);

  it("marks threads over their project's budget without stopping them unless asked", async () => {
    const thread = await claudeThread('Project capped', { turns: 1, everyMs: 100, output: 100_000 });
    await call('usage.setProjectBudget', {
      projectId: thread.projectId,
      budget: { unit: 'usd', limit: 1, stopAtLimit: false },
    });
    expect(await call('usage.projectBudgets', {})).toEqual({
      [thread.projectId]: { unit: 'usd', limit: 1, stopAtLimit: false },
    });
    await waitFor(() => threadOf(thread.id)?.usage, 'the usage');
    // 100k output tokens of Sonnet: $1.50.
    const marked = await waitFor(() => threadOf(thread.id)?.budgetAlert, "the project's budget alert");
    expect(marked).toEqual({ level: 'over', scope: 'project', text: "over the project's budget: $1.50 of $1.00" });
    expect(app.threads.isActive(thread.id)).toBe(true);
  });

  it('prices a model the table lacks once Settings gives it a price, and saves the price in the data folder', async () => {
    const thread = await claudeThread('Unpriced', {
      turns: 1,
      everyMs: 100,
      model: 'house-model-1',
      output: 2_000_000,
    });
    const unpriced = await waitFor(() => threadOf(thread.id)?.usage, 'the usage');
    expect(unpriced.costUsd).toBeNull();
    const price = { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 };
    const table = await call<{ overrides: { models: Record<string, unknown> } }>('usage.setPriceOverrides', {
      models: { 'house-model': price },
      aliases: {},
    });
    expect(table.overrides.models).toEqual({ 'house-model': price });
    // 2M output tokens at $2 per million (10 input tokens at $1).
    await waitFor(() => threadOf(thread.id)?.usage?.costUsd != null, 'the thread priced anew');
    expect(threadOf(thread.id)?.usage?.costUsd).toBeCloseTo(4.00001, 6);
    expect(await call('usage.prices', {})).toMatchObject({ overrides: { models: { 'house-model': price } } });
    expect(JSON.parse(await readFile(path.join(temp.dir, 'data', 'model-prices.json'), 'utf8'))).toEqual({
      models: { 'house-model': price },
      aliases: {},
    });
  });

  it("reads a Codex thread's rollout for its worktree: the last running total", async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await call<Thread>('threads.create', { projectId: project.id, name: 'Codex', profileId: 'codex' });
    const cwd = await realpath(thread.worktreePath);
    const now = new Date();
    const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0'));
    const at = now.toISOString();
    await appendLines(path.join(codexHome, 'sessions', ...day, `rollout-${day.join('-')}T10-00-00-c1.jsonl`), [
      codexSessionMeta('c1', cwd, at),
      codexTurnContext(cwd, 'gpt-5-codex', at),
      codexTokenCount({ input: 1000, cached: 400, output: 300, reasoning: 100 }, at),
      codexTokenCount({ input: 5000, cached: 2000, output: 700, reasoning: 200 }, at),
    ]);
    const usage = await waitFor(() => threadOf(thread.id)?.usage, "the Codex thread's usage");
    // Input counts only the uncached part; cached input is a cache read.
    expect(usage).toMatchObject({ inputTokens: 3000, cacheReadTokens: 2000, outputTokens: 700, model: 'gpt-5-codex' });
  });

  it("reads the records at the agent's status change when its folder did not exist to be watched", async () => {
    // A first run: Claude Code has never made its projects folder, so only the slow rescan (a minute) would see it.
    await rm(path.join(configDir, 'projects'), { recursive: true });
    const thread = await claudeThread('First run', { turns: 1, everyMs: 200, output: 500, stayMs: 300 });
    const usage = await waitFor(() => threadOf(thread.id)?.usage, 'the usage, read when the agent exited', 10_000);
    expect(usage.outputTokens).toBe(500);
    expect(threadOf(thread.id)?.status).not.toBe('working');
  });
});
