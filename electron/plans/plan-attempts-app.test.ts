import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptGroup } from '../../shared/attempts';
import type { PlanRunView } from '../../shared/contract/plans';
import type { UsageSummaryView } from '../../shared/contract/usage';
import { pathExists } from '../fs/path-exists';
import { gitOutput } from '../git/core';
import { tryRevParse } from '../git/refs';
import { fakeClaudePrompt, writeFakeClaude } from '../test-support/fake-claude';
import { useAppSuite } from '../test-support/app-suite';
import type { ReviewTestApp } from '../test-support/review';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp } from '../test-support/test-app';
import { readRunSummary } from './run-log';

let repo: string;
let t: ReviewTestApp;
let projectId: string;
let counter = 0;

describe('a plan task with attempts in the app', () => {
  const suite = useAppSuite('plan-attempts-app-', { 'README.md': '# Test\n' });
  beforeEach(() => {
    counter++;
    ({ repo, t, projectId } = suite.current());
  });

  /** A demo scenario writing `lines` lines to `file` and committing them (0 lines: no commit), then exiting `exit`. */
  async function scenario(name: string, file: string, lines: number, exit = 0): Promise<string> {
    const at = path.join(suite.dir(), `scenario-${counter}-${name}.json`);
    const content = Array.from({ length: lines }, (_, i) => `${name} ${i}`).join('\n') + '\n';
    await writeFile(
      at,
      JSON.stringify({
        name,
        steps: [
          { print: `Working on ${name}`, delayMs: 100 },
          ...(lines > 0 ? [{ write: { path: file, content } }, { commit: `Add ${file}` }] : []),
          { exit },
        ],
      }),
    );
    return at;
  }

  async function twoAttemptPlan(pick: 'auto' | 'manual', extra: unknown[] = []): Promise<string> {
    return JSON.stringify({
      base: 'main',
      autoLand: true,
      agent: { profile: 'demo' },
      tasks: [
        {
          name: 'pick',
          brief: { task: 'Pick', ownedPaths: ['pick.txt'] },
          attempts: [
            { profile: 'demo', scenario: await scenario('big', 'pick.txt', 30) },
            { profile: 'demo', scenario: await scenario('small', 'pick.txt', 1) },
          ],
          pick,
        },
        ...extra,
      ],
    });
  }

  const runOf = async (runId: string) =>
    (await t.call<PlanRunView[]>('plans.runs', {})).find((r) => r.runId === runId)!;
  const ended = (runId: string) =>
    waitFor(
      async () => {
        const run = await runOf(runId);
        return run.state !== 'running' && run.state !== 'stopping' ? run : null;
      },
      'the run to end',
      60_000,
    );
  const groupOf = async (groupId: string) =>
    (await t.call<AttemptGroup[]>('attempts.list', {})).find((g) => g.id === groupId)!;

  it('"pick":"auto": the smaller attempt lands, the other is set aside once, under refs, in its attempt group', async () => {
    const text = await twoAttemptPlan('auto', [
      {
        name: 'later',
        brief: { task: 'Later', ownedPaths: ['later.txt'] },
        dependsOn: ['pick'],
        agent: { scenario: await scenario('later', 'later.txt', 1) },
      },
    ]);
    const started = await t.call<PlanRunView>('plans.run', { projectId, text });
    const groupId = started.tasks[0]!.attemptGroupId!;
    expect(groupId).toBe(`plan-${started.runId}-pick`);
    const run = await ended(started.runId);
    expect(run.tasks.map((task) => [task.name, task.phase])).toEqual([
      ['pick', 'landed'],
      ['later', 'landed'],
    ]);
    expect(await gitOutput(repo, ['show', 'main:pick.txt'])).toBe('small 0\n');

    const group = await groupOf(groupId);
    expect(group).toMatchObject({ status: 'resolved', picked: 2, name: 'pick', projectId });
    const [loser, winner] = group.attempts;
    expect(loser).toMatchObject({
      k: 1,
      state: 'set-aside',
      threadId: null,
      ref: `refs/switchyard/attempts/${groupId}/1`,
    });
    expect(winner).toMatchObject({ k: 2, state: 'picked', branch: 'switchyard/pick/attempt-2' });
    // The loser's work is kept under its ref; its branch and worktree are gone.
    const kept = await tryRevParse(repo, loser!.ref!);
    expect(await gitOutput(repo, ['show', `${kept}:pick.txt`])).toMatch(/^big 0\nbig 1\n/);
    expect(await tryRevParse(repo, 'refs/heads/switchyard/pick/attempt-1')).toBeNull();
    const worktree = path.join(t.app.state.project(projectId).worktreeRoot, 'switchyard-pick-attempt-1');
    expect(await pathExists(worktree)).toBe(false);
    // Set aside exactly once: by the attempts service, not by the runner as well.
    expect(run.log.filter((e) => e.event === 'attempt-set-aside')).toEqual([]);
    expect(await gitOutput(repo, ['for-each-ref', '--format=%(refname)', 'refs/switchyard/attempts/'])).toBe(
      `refs/switchyard/attempts/${groupId}/1\n`,
    );
    // The task's thread is the picked attempt's.
    expect(run.tasks[0]!.threadId).toBe(winner!.threadId);

    // run.json records the waves, and a past run shows them after a restart.
    const summary = await readRunSummary(suite.current().dataDir, run.runId);
    expect(summary.waves).toEqual([['pick'], ['later']]);
    t = await suite.restart();
    const [past] = await t.call<PlanRunView[]>('plans.runs', {});
    expect(past!.waves).toEqual([['pick'], ['later']]);
    expect(past!.tasks[0]!.attemptGroupId).toBe(groupId);
    expect(past!.tasks.map((task) => [task.name, task.wave, task.dependsOn])).toEqual([
      ['pick', 0, []],
      ['later', 1, ['pick']],
    ]);
  }, 120_000);

  it('"pick":"manual": the run waits at "pick an attempt" until one is picked in its group, which then lands', async () => {
    const started = await t.call<PlanRunView>('plans.run', { projectId, text: await twoAttemptPlan('manual') });
    const groupId = started.tasks[0]!.attemptGroupId!;
    const waiting = await waitFor(
      async () => {
        const run = await runOf(started.runId);
        return run.tasks[0]!.phase === 'pick-attempt' ? run : null;
      },
      'the task to wait for a pick',
      60_000,
    );
    // It says what it waits for, and what ends the wait.
    expect(waiting.tasks[0]!.note).toMatch(
      /^"pick": "manual" — waiting for an attempt to be picked \(attempt 1: .*\): pick one in Compare/,
    );
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
    expect((await groupOf(groupId)).attempts.map((a) => a.state)).toEqual(['running', 'running']);

    // The dispatcher keeps the bigger one (the auto pick would not have).
    await t.call('attempts.pick', { groupId, k: 1 });
    const run = await ended(started.runId);
    expect(run.tasks[0]!.phase).toBe('landed');
    expect(await gitOutput(repo, ['show', 'main:pick.txt'])).toMatch(/^big 0\n/);
    const group = await groupOf(groupId);
    expect(group.attempts.map((a) => a.state)).toEqual(['picked', 'set-aside']);
    expect(await tryRevParse(repo, `refs/switchyard/attempts/${groupId}/2`)).not.toBeNull();
    expect(await tryRevParse(repo, 'refs/heads/switchyard/pick/attempt-2')).toBeNull();
  }, 120_000);
  /** Two attempts of `pick` whose agents commit and then exit 1: pickAttempt finds no winner among failed agents. */
  async function unpickablePlan(extra: Record<string, unknown> = {}, lines = 3): Promise<string> {
    return JSON.stringify({
      base: 'main',
      agent: { profile: 'demo' },
      tasks: [
        {
          name: 'pick',
          brief: { task: 'Pick', ownedPaths: ['pick.txt'], verificationCommands: ['test -f pick.txt'] },
          attempts: [
            { profile: 'demo', scenario: await scenario('one', 'pick.txt', lines, 1) },
            { profile: 'demo', scenario: await scenario('two', 'pick.txt', lines, 1) },
          ],
          pick: 'auto',
        },
        {
          name: 'later',
          brief: { task: 'Later', ownedPaths: ['later.txt'] },
          dependsOn: ['pick'],
          agent: { scenario: await scenario('later', 'later.txt', 1) },
        },
      ],
      ...extra,
    });
  }

  const waitingForPick = (runId: string) =>
    waitFor(
      async () => {
        const run = await runOf(runId);
        return run.tasks[0]!.phase === 'pick-attempt' ? run : null;
      },
      'the task to wait for a pick',
      60_000,
    );

  it('"pick":"auto" with no attempt to pick: the run waits, saying why; a pick by hand is verified, lands after approval, and its dependent runs', async () => {
    const started = await t.call<PlanRunView>('plans.run', { projectId, text: await unpickablePlan() });
    const groupId = started.tasks[0]!.attemptGroupId!;
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    const waiting = await waitingForPick(started.runId);
    // The view and the log say what the run waits for, and why the automatic pick found nothing.
    expect(waiting.tasks[0]!.note).toMatch(/no attempt could be picked automatically/);
    expect(waiting.tasks[0]!.note).toMatch(/attempt 1: its agent failed/);
    expect(waiting.tasks[0]!.note).toMatch(/pick one in Compare/);
    expect(waiting.log.filter((e) => e.event === 'pick-needed')).toEqual([
      expect.objectContaining({ task: 'pick', detail: expect.objectContaining({ pick: 'auto' }) }),
    ]);
    expect(waiting.state).toBe('running');
    expect(waiting.tasks[1]!.phase).toBe('waiting');
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);

    await t.call('attempts.pick', { groupId, k: 2 });
    const group = await groupOf(groupId);
    const winner = group.attempts.find((a) => a.k === 2)!;
    // The pick is the task's result: verified with the brief's commands, then it waits for its review.
    const approving = await waitFor(
      async () => {
        const run = await runOf(started.runId);
        return run.tasks[0]!.phase === 'awaiting-approval' ? run : null;
      },
      'the picked attempt to wait for its review',
      60_000,
    );
    expect(approving.tasks[0]).toMatchObject({ threadId: winner.threadId, verified: true });
    expect(approving.log).toContainEqual(
      expect.objectContaining({ task: 'pick', event: 'picked', detail: expect.objectContaining({ attempt: 2 }) }),
    );
    expect(group.attempts.map((a) => a.state)).toEqual(['set-aside', 'picked']);
    await t.call('review.decide', { threadId: winner.threadId, decision: 'approved' });

    // Its dependent starts once it has landed.
    const later = await waitFor(
      async () => {
        const run = await runOf(started.runId);
        return run.tasks[1]!.phase === 'awaiting-approval' ? run.tasks[1]! : null;
      },
      'the dependent task to wait for its review',
      60_000,
    );
    expect(await gitOutput(repo, ['show', 'main:pick.txt'])).toMatch(/^two 0\n/);
    await t.call('review.decide', { threadId: later.threadId, decision: 'approved' });
    const run = await ended(started.runId);
    expect(run.state).toBe('done');
    expect(run.tasks.map((task) => [task.name, task.phase])).toEqual([
      ['pick', 'landed'],
      ['later', 'landed'],
    ]);
    expect(await gitOutput(repo, ['show', 'main:later.txt'])).toBe('later 0\n');
  }, 120_000);

  it('Stop while a task waits for a pick: the run stops, every attempt kept', async () => {
    const started = await t.call<PlanRunView>('plans.run', {
      projectId,
      text: await unpickablePlan({ autoLand: true }),
    });
    await waitingForPick(started.runId);
    await t.call('plans.stop', { runId: started.runId });
    const run = await ended(started.runId);
    expect(run.state).toBe('stopped');
    expect(run.tasks.map((task) => task.phase)).toEqual(['not-run', 'not-run']);
    for (const k of [1, 2]) expect(await tryRevParse(repo, `refs/heads/switchyard/pick/attempt-${k}`)).not.toBeNull();
    // A pick after the run stopped changes nothing in the target.
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    await t.call('attempts.pick', { groupId: started.tasks[0]!.attemptGroupId!, k: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
  }, 120_000);

  it('another attempt restored and picked while the first pick waits for its review: the task ends failed, saying why, the target untouched', async () => {
    const started = await t.call<PlanRunView>('plans.run', { projectId, text: await unpickablePlan() });
    const groupId = started.tasks[0]!.attemptGroupId!;
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    await waitingForPick(started.runId);
    await t.call('attempts.pick', { groupId, k: 2 });
    await waitFor(
      async () => (await runOf(started.runId)).tasks[0]!.phase === 'awaiting-approval',
      'the picked attempt to wait for its review',
      60_000,
    );
    await t.call('attempts.restore', { groupId, k: 1 });
    await t.call('attempts.pick', { groupId, k: 1 });
    const run = await ended(started.runId);
    expect(run.tasks.map((task) => [task.name, task.phase])).toEqual([
      ['pick', 'failed'],
      ['later', 'skipped'],
    ]);
    expect(run.tasks[0]!.note).toMatch(/its thread was removed before its review was approved/);
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
  }, 120_000);

  it('a pick by hand that still fails its verification ends the task verify-failed, unlanded', async () => {
    const text = JSON.stringify({
      base: 'main',
      autoLand: true,
      agent: { profile: 'demo' },
      tasks: [
        {
          name: 'pick',
          brief: { task: 'Pick', ownedPaths: ['pick.txt'], verificationCommands: ['test -f checked.txt'] },
          attempts: [
            { profile: 'demo', scenario: await scenario('one', 'pick.txt', 2) },
            { profile: 'demo', scenario: await scenario('two', 'pick.txt', 1) },
          ],
        },
      ],
    });
    const started = await t.call<PlanRunView>('plans.run', { projectId, text });
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    const waiting = await waitingForPick(started.runId);
    expect(waiting.tasks[0]!.note).toMatch(/attempt 1: verification failed; attempt 2: verification failed/);
    await t.call('attempts.pick', { groupId: started.tasks[0]!.attemptGroupId!, k: 1 });
    const run = await ended(started.runId);
    expect(run.tasks[0]).toMatchObject({
      phase: 'verify-failed',
      verified: false,
      note: 'test -f checked.txt exited 1',
    });
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
  }, 120_000);

  it('every attempt failed without a commit: the run waits, saying so; once their threads are removed the task fails and says why', async () => {
    const started = await t.call<PlanRunView>('plans.run', {
      projectId,
      text: await unpickablePlan({ autoLand: true }, 0),
    });
    const waiting = await waitingForPick(started.runId);
    expect(waiting.tasks[0]!.note).toMatch(
      /attempt 1: its agent failed \(exit 1\), no commit; attempt 2: its agent failed \(exit 1\), no commit/,
    );
    const group = await groupOf(started.tasks[0]!.attemptGroupId!);
    for (const attempt of group.attempts) await t.call('threads.remove', { threadId: attempt.threadId, discard: true });
    const run = await ended(started.runId);
    expect(run.state).toBe('failed');
    expect(run.tasks[0]!.phase).toBe('failed');
    expect(run.tasks[0]!.note).toMatch(/no attempt of pick is left to pick/);
    expect(run.tasks[1]!.phase).toBe('skipped');
  }, 120_000);
});

describe("a plan thread's usage", () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('is booked to its plan run, and the task budget becomes the thread budget', async () => {
    const temp = await makeTempDir('plan-usage-');
    const root = temp.dir;
    const repo = await makeRepo(root, 'repo', { 'README.md': '# Test\n' });
    const configDir = path.join(root, 'claude-config');
    await mkdir(path.join(configDir, 'projects'), { recursive: true });
    // The brief becomes the prompt, so the stand-in gets its script from this wrapper instead.
    const real = path.join(root, 'real-bin');
    await writeFakeClaude(real);
    const bin = path.join(root, 'bin');
    await mkdir(bin, { recursive: true });
    const script = fakeClaudePrompt({ configDir, turns: 2, everyMs: 200, input: 10, output: 1000, stayMs: 200 });
    await writeFile(
      path.join(bin, 'claude'),
      `#!/bin/sh\n[ "$1" = --version ] && exec "${real}/claude" --version\nexec "${real}/claude" '${script}'\n`,
      { mode: 0o755 },
    );
    process.env.PATH = [bin, savedPath].join(path.delimiter);
    const { app } = await makeTestApp(path.join(root, 'data'), { usageEnv: { CLAUDE_CONFIG_DIR: configDir } });
    try {
      const call = async <T>(channel: string, payload: unknown): Promise<T> => {
        const result = await app.dispatch(channel, payload);
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
        return result.value as T;
      };
      const project = await call<{ id: string }>('projects.open', { path: repo });
      const budget = { unit: 'tokens', limit: 1_000_000, stopAtLimit: true };
      const started = await call<PlanRunView>('plans.run', {
        projectId: project.id,
        text: JSON.stringify({
          base: 'main',
          autoLand: true,
          agent: { profile: 'claude', mode: 'headless' },
          tasks: [{ name: 'spend', brief: { task: 'Spend', ownedPaths: ['spend.txt'] }, budget }],
        }),
      });
      const threadId = await waitFor(
        async () =>
          (await call<PlanRunView[]>('plans.runs', {})).find((r) => r.runId === started.runId)?.tasks[0]?.threadId,
        'the task thread',
        30_000,
      );
      // Recorded once its thread is made (just after the run shows it).
      await waitFor(() => app.state.thread(threadId).budget !== null, 'the task budget on its thread');
      expect(app.state.thread(threadId).budget).toEqual(budget);
      expect(app.state.thread(threadId).planRunId).toBe(started.runId);
      const summary = await waitFor(
        async () => {
          const s = await call<UsageSummaryView>('usage.summary', { projectId: project.id });
          return s.total.outputTokens === 2000 ? s : null;
        },
        'both turns in the cost log',
        30_000,
      );
      expect(summary.planRuns).toEqual([expect.objectContaining({ planRunId: started.runId, outputTokens: 2000 })]);
      // The run ends (the stand-in commits nothing) before the app goes, so its folder is complete.
      await waitFor(
        async () =>
          (await call<PlanRunView[]>('plans.runs', {})).find((r) => r.runId === started.runId && r.state !== 'running'),
        'the run to end',
        30_000,
      );
    } finally {
      await app.shutdown();
      await temp.cleanup();
    }
  }, 90_000);
});
