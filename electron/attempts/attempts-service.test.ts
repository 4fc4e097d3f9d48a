import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AttemptComparison, AttemptGroup } from '../../shared/attempts';
import { defaultScoreWeights } from '../../shared/attempts';
import type { AttemptDiff } from '../../shared/contract/attempts';
import type { Thread } from '../../shared/models';
import { pathExists } from '../fs/path-exists';
import { gitOutput } from '../git/core';
import { pickAttempt } from './pick-attempt';
import { pickCandidates } from './pick-candidates';
import { useAppSuite } from '../test-support/app-suite';
import type { ReviewTestApp } from '../test-support/review';
import { tip, waitFor } from '../test-support/temp-repo';

const suite = useAppSuite('attempts-', {
  'README.md': '# Test\n',
  'src/app.ts': 'export const a = 1;\n',
});
let repo: string;
let t: ReviewTestApp;
let projectId: string;
beforeEach(() => {
  ({ repo, t, projectId } = suite.current());
});

/** A custom-command agent: a shell line that edits the worktree and commits (argv, no user text in it). */
const shellAgent = (script: string) => ({
  profileId: 'custom',
  command: ['/bin/sh', '-c', `${script} && git add -A && git commit -qm work`],
});

/**
 * Three attempts: the smallest change fails the check (it writes broken.txt); the demo agent's
 * bigger change and a small custom one pass it.
 */
async function threeAttempts(): Promise<AttemptGroup> {
  const group = await t.call<AttemptGroup>('attempts.create', {
    projectId,
    name: 'Add constants',
    prompt: 'add constants',
    brief: {
      task: 'Add constants',
      ownedPaths: ['src/**', 'demo/**', 'broken.txt'],
      verificationCommands: ['test ! -f broken.txt'],
    },
    agents: [
      shellAgent('echo oops > broken.txt'),
      { profileId: 'demo', scenario: 'quick' },
      shellAgent(`echo 'export const b = 2;' >> src/app.ts && echo 'export const c = 3;' >> src/app.ts`),
    ],
  });
  for (const attempt of group.attempts) {
    await waitFor(
      () => t.app.state.thread(attempt.threadId!).status === 'done',
      `attempt ${attempt.k} to finish`,
      20_000,
    );
  }
  return group;
}

/** `git diff --numstat` of an attempt since it left main: files, added, removed. */
async function numstat(rev: string): Promise<{ files: number; added: number; removed: number }> {
  const base = (await gitOutput(repo, ['merge-base', 'main', rev])).trim();
  const lines = (await gitOutput(repo, ['diff', '--numstat', base, rev])).trim().split('\n').filter(Boolean);
  const counts = lines.map((line) => line.split('\t').map(Number));
  return {
    files: lines.length,
    added: counts.reduce((sum, [added]) => sum + (added ?? 0), 0),
    removed: counts.reduce((sum, [, removed]) => sum + (removed ?? 0), 0),
  };
}

describe('attempt groups', () => {
  it('creates one thread per attempt, each on switchyard/<name>/attempt-<k> with its own agent', async () => {
    const group = await threeAttempts();
    const threads = group.attempts.map((a) => t.app.state.thread(a.threadId!));
    expect(threads.map((th) => th.branch)).toEqual([
      'switchyard/add-constants/attempt-1',
      'switchyard/add-constants/attempt-2',
      'switchyard/add-constants/attempt-3',
    ]);
    expect(threads.map((th) => th.profileId)).toEqual(['custom', 'demo', 'custom']);
    expect(new Set(threads.map((th) => th.worktreePath)).size).toBe(3);
    expect(threads.every((th) => th.brief?.verificationCommands[0] === 'test ! -f broken.txt')).toBe(true);
    expect((await t.call<AttemptGroup[]>('attempts.list', {})).map((g) => g.id)).toEqual([group.id]);
  }, 40_000);

  it('compares each attempt with figures equal to git diff --numstat, and auto-picks the smallest passing change', async () => {
    const group = await threeAttempts();
    const before = await t.call<AttemptComparison>('attempts.compare', { groupId: group.id });
    for (const column of before.columns) {
      expect({ files: column.files, added: column.added, removed: column.removed }).toEqual(
        await numstat(column.branch),
      );
      expect(column.verified).toBeNull();
      expect(column.elapsedMs).toBeGreaterThan(0);
      expect(column.tokens).toBeNull();
    }
    const verified = await t.call<AttemptComparison>('attempts.verifyAll', { groupId: group.id });
    expect(verified.columns.map((c) => c.verified)).toEqual([false, true, true]);
    expect(verified.columns.map((c) => c.checks[0]?.state)).toEqual(['failed', 'passed', 'passed']);
    expect(verified.autoPick).toBe(3);
    // What the plan runner reports for "pick":"auto" (plan-run JSON).
    const report = pickAttempt(pickCandidates(verified.columns));
    expect(
      report.attempts.map(({ branch, verified: ok, linesChanged, picked }) => ({ branch, ok, linesChanged, picked })),
    ).toEqual([
      { branch: 'switchyard/add-constants/attempt-1', ok: false, linesChanged: 1, picked: false },
      {
        branch: 'switchyard/add-constants/attempt-2',
        ok: true,
        linesChanged: verified.columns[1]!.added,
        picked: false,
      },
      { branch: 'switchyard/add-constants/attempt-3', ok: true, linesChanged: 2, picked: true },
    ]);
    expect(report.attempts.every((a) => a.status === 'done' && typeof a.score === 'number')).toBe(true);
    // Correctness 0 for the failing one; the small passing change has the best total.
    expect(verified.columns[0]?.scores.correctness?.score).toBe(0);
    const totals = verified.columns.map((c) => c.total ?? 0);
    expect(totals[2]).toBeGreaterThan(totals[1]!);
    expect(totals[2]).toBeGreaterThan(totals[0]!);
    // The verification runs are the review's own, recorded per commit.
    const view = await t.call<{ runs: Array<{ commit: string }> }>('review.verification.list', {
      threadId: group.attempts[2]!.threadId,
    });
    expect(view.runs[0]?.commit).toBe(await tip(repo, 'switchyard/add-constants/attempt-3'));
  }, 60_000);

  it('pick keeps the winner and sets the others aside under refs/switchyard/attempts, restorable', async () => {
    const group = await threeAttempts();
    const tips = await Promise.all(group.attempts.map((a) => tip(repo, a.branch)));
    const losers = [group.attempts[0]!, group.attempts[1]!].map((a) => t.app.state.thread(a.threadId!));
    const winner = t.app.state.thread(group.attempts[2]!.threadId!);

    const picked = await t.call<AttemptGroup>('attempts.pick', { groupId: group.id, k: 3 });
    expect(picked.status).toBe('resolved');
    expect(picked.picked).toBe(3);
    expect(picked.attempts.map((a) => a.state)).toEqual(['set-aside', 'set-aside', 'picked']);
    for (const [index, loser] of losers.entries()) {
      expect(await pathExists(loser.worktreePath)).toBe(false);
      expect(t.app.state.threads().some((th) => th.id === loser.id)).toBe(false);
      expect(await tip(repo, `refs/switchyard/attempts/${group.id}/${index + 1}`)).toBe(tips[index]);
      expect(picked.attempts[index]?.ref).toBe(`refs/switchyard/attempts/${group.id}/${index + 1}`);
    }
    // The winner is an ordinary thread still: its worktree, its branch as it was, its record.
    expect(t.app.state.thread(winner.id).branch).toBe('switchyard/add-constants/attempt-3');
    expect(await pathExists(winner.worktreePath)).toBe(true);
    expect(await tip(repo, winner.branch)).toBe(tips[2]);

    // Set-aside attempts are still compared, from their refs.
    const after = await t.call<AttemptComparison>('attempts.compare', { groupId: group.id });
    expect(after.columns[1]).toMatchObject(await numstat(tips[1]!));
    expect(after.columns[1]?.threadId).toBeNull();

    // A diff between two attempts is git's.
    const diff = await t.call<AttemptDiff>('attempts.diff', { groupId: group.id, a: 2, b: 3 });
    expect(diff.patch).toBe(await gitOutput(repo, ['diff', '--no-color', '--no-ext-diff', tips[1]!, tips[2]!, '--']));
    expect(diff.patch).toContain('+export const c = 3;');

    const restored = await t.call<AttemptGroup>('attempts.restore', { groupId: group.id, k: 2 });
    const back = t.app.state.thread(restored.attempts[1]!.threadId!);
    expect(restored.attempts[1]?.state).toBe('running');
    expect(back.status).toBe('stopped');
    expect(back.branch).toBe('switchyard/add-constants/attempt-2');
    expect(await tip(repo, back.branch)).toBe(tips[1]);
    const [note] = await readdir(path.join(back.worktreePath, 'demo'));
    expect(await readFile(path.join(back.worktreePath, 'demo', note!), 'utf8')).toContain('Quick note');
  }, 60_000);

  it('keeps a loser’s uncommitted work in its ref too', async () => {
    const group = await t.call<AttemptGroup>('attempts.create', {
      projectId,
      name: 'Dirty',
      agents: [
        { profileId: 'custom', command: ['/bin/sh', '-c', 'echo draft > draft.txt'] },
        shellAgent('echo done > done.txt'),
      ],
    });
    for (const attempt of group.attempts) {
      await waitFor(() => t.app.state.thread(attempt.threadId!).status === 'done', 'the attempts to finish', 20_000);
    }
    await t.call<AttemptGroup>('attempts.pick', { groupId: group.id, k: 2 });
    const kept = `refs/switchyard/attempts/${group.id}/1`;
    expect((await gitOutput(repo, ['show', `${kept}:draft.txt`])).trim()).toBe('draft');
  }, 40_000);

  it('scores with the project’s weights, which can be changed', async () => {
    const group = await threeAttempts();
    await t.call('attempts.verifyAll', { groupId: group.id });
    expect(await t.call('attempts.weights', { projectId })).toEqual(defaultScoreWeights);
    const byDefault = await t.call<AttemptComparison>('attempts.compare', { groupId: group.id });
    // Only simplicity counts: the smallest change (failing its check) now scores best.
    await t.call('attempts.setWeights', {
      projectId,
      weights: { correctness: 0, simplicity: 100, performance: 0, maintainability: 0, cost: 0 },
    });
    const simplicityOnly = await t.call<AttemptComparison>('attempts.compare', { groupId: group.id });
    expect(byDefault.columns[0]!.total!).toBeLessThan(byDefault.columns[2]!.total!);
    expect(simplicityOnly.columns[0]!.total).toBe(100);
    expect(simplicityOnly.columns[2]!.total).toBe(50);
    expect(simplicityOnly.columns[2]!.totalFormula).toBe('(100 × 50 (Simplicity)) ÷ 100');
  }, 60_000);

  it('times the benchmark in each attempt and scores performance by the last number it printed', async () => {
    const group = await t.call<AttemptGroup>('attempts.create', {
      projectId,
      name: 'Bench',
      benchmarkCommand: 'cat bench.txt',
      agents: [shellAgent('echo "took 200 ms" > bench.txt'), shellAgent('echo "took 100 ms" > bench.txt')],
    });
    for (const attempt of group.attempts) {
      await waitFor(() => t.app.state.thread(attempt.threadId!).status === 'done', 'the attempts to finish', 20_000);
    }
    const compared = await t.call<AttemptComparison>('attempts.verifyAll', { groupId: group.id });
    expect(compared.columns.map((c) => c.benchmark?.printed)).toEqual([200, 100]);
    expect(compared.columns.map((c) => c.benchmark?.exitCode)).toEqual([0, 0]);
    expect(compared.columns.map((c) => c.scores.performance?.score)).toEqual([50, 100]);
  }, 40_000);

  it('forgets an attempt’s thread removed by hand, and will not pick it', async () => {
    const group = await threeAttempts();
    await t.call('threads.remove', { threadId: group.attempts[0]!.threadId, discard: true });
    await waitFor(
      async () => (await t.call<AttemptGroup[]>('attempts.list', {}))[0]?.attempts[0]?.threadId === null,
      'the group to forget the removed thread',
    );
    const compared = await t.call<AttemptComparison>('attempts.compare', { groupId: group.id });
    expect(compared.columns[0]).toMatchObject({ threadId: null, status: null, files: null, ref: null });
    const refused = await t.callError('attempts.pick', { groupId: group.id, k: 1 });
    expect(refused.message).toContain('has no thread to keep');
  }, 40_000);

  it('refuses a group of one, and creates nothing when an attempt cannot be created', async () => {
    const one = await t.callError('attempts.create', { projectId, name: 'One', agents: [{ profileId: 'demo' }] });
    expect(one.kind).toBe('invalid-request');
    const bad = await t.callError('attempts.create', {
      projectId,
      name: 'Half',
      agents: [{ profileId: 'demo', scenario: 'quick' }, { profileId: 'no-such-agent' }],
    });
    expect(bad.message).toMatch(/no-such-agent/);
    await waitFor(
      async () => (await t.call<Thread[]>('threads.list', {})).length === 0,
      'the first attempt to be undone',
    );
    expect(await t.call<AttemptGroup[]>('attempts.list', {})).toEqual([]);
  }, 40_000);
});
