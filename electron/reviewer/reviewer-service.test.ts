import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewerRun } from '../../shared/contract/reviewer';
import type { QueueView } from '../../shared/merge-queue';
import type { Thread } from '../../shared/models';
import type { ReviewComment } from '../../shared/review-comments';
import { type AgentProfile, toolDefaultApprovalModes } from '../agents/profile';
import { gitOutput } from '../git/core';
import { listWorktrees } from '../git/worktree';
import { demoMalformedFinding } from '../demo-agent/run-scenario';
import { prepareDist, repoWithReviewApp, type ReviewTestApp, startReviewApp } from '../test-support/review';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import { reviewerRoot } from './review-worktree';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dist: string;
let repo: string;
let dataDir: string;
let t: ReviewTestApp;
let projectId: string;

/** A reviewer that is a shell line: prints what the test wants, argv only (the prompt is $1). */
function shellReviewer(id: string, script: string): AgentProfile {
  return {
    id,
    label: `Reviewer ${id}`,
    binary: '/bin/sh',
    args: [],
    promptArgs: ['{prompt}'],
    promptDelivery: 'argv',
    versionArgs: null,
    env: {},
    needsInputPatterns: [],
    installHint: null,
    resumeArgs: null,
    headless: { args: ['-c', script, 'reviewer'], promptArgs: ['{prompt}'], resumeArgs: [] },
    approvalModes: toolDefaultApprovalModes,
    takesCommand: false,
    takesScenario: false,
    custom: false,
  };
}

const profiles = [
  // Exits 3 after a finding on a file the diff does not touch and a line that is no JSON.
  shellReviewer(
    'failing',
    `echo '{"severity":"warning","path":"nowhere.ts","line":3,"message":"not in the diff"}'; echo 'just words'; exit 3`,
  ),
  shellReviewer('slow', 'echo started; sleep 30'),
  shellReviewer('half-second', 'sleep 0.5; echo done'),
  { ...shellReviewer('missing', 'true'), binary: '/nonexistent/reviewer-agent' },
  // Prints the prompt it was given (one argument), so the test sees what a reviewer reads.
  shellReviewer('echo-prompt', 'printf "%s\\n" "$1"'),
];

beforeAll(async () => {
  temp = await makeTempDir('reviewer-');
  dist = path.join(temp.dir, 'dist');
  await prepareDist(dist);
}, 60_000);

afterAll(async () => {
  await temp.cleanup();
});

beforeEach(async () => {
  ({ repo, dataDir, t, projectId } = await repoWithReviewApp(
    temp.dir,
    dist,
    { 'README.md': '# Test\n' },
    { extraProfiles: profiles, reviewerTimeoutMs: 1_500 },
  ));
});

afterEach(async () => {
  await t.app.shutdown();
});

/** A demo thread whose agent commits src/<slug>.js with a TODO on line 2, finished. */
async function todoThread(name: string): Promise<Thread> {
  const thread = await t.call<Thread>('threads.create', {
    projectId,
    name,
    profileId: 'demo',
    scenario: 'with-todo',
    prompt: name,
  });
  return waitFor(
    () => t.app.state.threads().find((x) => x.id === thread.id && x.status === 'done'),
    `${name} to finish`,
    20_000,
  );
}

async function refs(): Promise<string> {
  return gitOutput(repo, ['for-each-ref', '--format=%(refname) %(objectname)']);
}

/** No reviewer worktree is left in git's list or on disk. */
async function expectNoReviewWorktrees(): Promise<void> {
  const root = reviewerRoot(dataDir);
  const listed = (await listWorktrees(repo)).filter((w) => w.path.startsWith(root));
  expect(listed).toEqual([]);
  expect(await readdir(root).catch(() => [])).toEqual([]);
}

const comments = (threadId: string) => t.call<ReviewComment[]>('review.comments.list', { threadId });

describe('a reviewer agent on a thread', () => {
  it("turns the demo reviewer's findings into comments on their lines, keeps the malformed line as a note, and leaves the branch as it was", async () => {
    const thread = await todoThread('double it');
    const before = await refs();
    const run = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'demo', wait: true });
    expect(run.state).toBe('done');
    expect(run.blocking).toBe(1);

    const all = await comments(thread.id);
    const blocking = all.find((c) => c.severity === 'blocking');
    expect(blocking).toMatchObject({
      path: 'src/double-it.js',
      startLine: 2,
      endLine: 2,
      side: 'new',
      section: 'committed',
      state: 'draft',
      quote: ['  // TODO: handle a missing value'],
      author: { kind: 'reviewer', profileId: 'demo', runId: run.runId },
    });
    expect(all.find((c) => c.severity === 'note' && c.path === 'src/double-it.js')?.startLine).toBe(1);
    const general = all.find((c) => c.path === '');
    expect(general?.severity).toBe('note');
    expect(general?.body).toContain(demoMalformedFinding);
    // The progress line the demo prints first is output too: kept, not dropped.
    expect(general?.body).toContain('Reviewing the diff');

    await expectNoReviewWorktrees();
    expect(await refs()).toBe(before);
  }, 40_000);

  it("a second run replaces the first run's untouched drafts, keeps the edited one and the dispatcher's own, and counts them", async () => {
    const thread = await todoThread('review twice');
    const first = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'demo', wait: true });
    expect(first).toMatchObject({ state: 'done', comments: 3, replaced: 0 });
    const fromFirst = await comments(thread.id);
    const note = fromFirst.find((c) => c.severity === 'note' && c.path !== '')!;
    await t.call('review.comments.edit', { threadId: thread.id, commentId: note.id, body: 'Checked: fine as it is.' });
    const own = await t.call<ReviewComment>('review.comments.add', {
      threadId: thread.id,
      path: 'src/review-twice.js',
      section: 'committed',
      side: 'new',
      startLine: 3,
      endLine: 3,
      quote: ['  return value * 2;'],
      body: 'Why twice?',
    });

    const second = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'demo', wait: true });
    expect(second).toMatchObject({ state: 'done', comments: 3, blocking: 1, replaced: 2 });
    const after = await comments(thread.id);
    // The first run's blocking finding and general note are gone; its edited note stays, edited.
    expect(after.filter((c) => c.author?.runId === first.runId).map((c) => [c.id, c.body])).toEqual([
      [note.id, 'Checked: fine as it is.'],
    ]);
    expect(after.filter((c) => c.author?.runId === second.runId)).toHaveLength(3);
    expect(after.find((c) => c.id === own.id)?.body).toBe('Why twice?');
    expect(after).toHaveLength(5);
  }, 60_000);

  it("keeps a failing reviewer's output (a finding off the diff, plain words) as a note and removes its worktree", async () => {
    const thread = await todoThread('fail review');
    const before = await refs();
    const run = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'failing', wait: true });
    expect(run.state).toBe('failed');
    expect(run.exitCode).toBe(3);
    expect(run.unparsed).toBe(2);
    const all = await comments(thread.id);
    expect(all).toHaveLength(1);
    expect(all[0]?.path).toBe('');
    expect(all[0]?.body).toContain('nowhere.ts');
    expect(all[0]?.body).toContain('just words');
    await expectNoReviewWorktrees();
    expect(await refs()).toBe(before);
  }, 40_000);

  it('fails clearly when the reviewer cannot start, and still removes its worktree', async () => {
    const thread = await todoThread('missing reviewer');
    const run = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'missing', wait: true });
    expect(run.state).toBe('failed');
    expect(run.error).toContain('/nonexistent/reviewer-agent');
    await expectNoReviewWorktrees();
  }, 40_000);

  it('stops a reviewer at its timeout and removes its worktree', async () => {
    const thread = await todoThread('slow review');
    const started = Date.now();
    const run = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'slow', wait: true });
    expect(run.state).toBe('timed-out');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await comments(thread.id))[0]?.body).toContain('started');
    await expectNoReviewWorktrees();
  }, 40_000);

  it('cancels a running reviewer: its worktree goes', async () => {
    const thread = await todoThread('cancel review');
    const run = await t.call<ReviewerRun>('reviewer.run', { threadId: thread.id, profileId: 'slow' });
    expect(run.state).toBe('running');
    await waitFor(
      () => listWorktrees(repo).then((list) => list.some((w) => w.path.startsWith(reviewerRoot(dataDir)))),
      'the reviewer worktree',
    );
    expect(await t.call('reviewer.cancel', { runId: run.runId })).toEqual({ cancelled: true });
    const ended = await waitFor(
      () =>
        t.events
          .filter((e) => e.event === 'reviewer.updated')
          .map((e) => e.payload as ReviewerRun)
          .find((r) => r.runId === run.runId && r.endedAt !== null),
      'the cancelled run to end',
    );
    expect(ended.state).toBe('cancelled');
    await expectNoReviewWorktrees();
  }, 40_000);

  it('removes a reviewer worktree a killed app left behind when it starts', async () => {
    const thread = await todoThread('stale');
    const stale = path.join(reviewerRoot(dataDir), 'left-over', 'tree');
    await gitOutput(repo, ['worktree', 'add', '--detach', '--', stale, thread.branch]);
    await t.app.shutdown();
    t = await startReviewApp(dataDir, dist);
    await expectNoReviewWorktrees();
  }, 40_000);
});

describe("the reviewer's prompt", () => {
  it("is the project's review prompt (the default until set), then the brief's task, then the diff, as one argument", async () => {
    const thread = await todoThread('prompted');
    const settings = await t.call<{ prompt: string | null; defaultPrompt: string }>('reviewer.settings', { projectId });
    expect(settings.prompt).toBeNull();
    expect(settings.defaultPrompt).toContain('{"severity":"blocking|warning|note"');
    await t.call('reviewer.run', { threadId: thread.id, profileId: 'echo-prompt', wait: true });
    let note = (await comments(thread.id)).find((c) => c.path === '');
    expect(note?.body).toContain('Print each finding on its own line as one JSON object');
    expect(note?.body).toContain('Task: prompted');
    expect(note?.body).toContain('+  // TODO: handle a missing value');

    await t.call('reviewer.setSettings', { projectId, settings: { prompt: 'Only look for typos.', maxParallel: 1 } });
    await t.call('reviewer.run', { threadId: thread.id, profileId: 'echo-prompt', wait: true });
    note = (await comments(thread.id))
      .filter((c) => c.path === '')
      .find((c) => c.body.includes('Only look for typos.'));
    expect(note?.body).not.toContain('Print each finding on its own line');
  }, 40_000);
});

describe('Review all', () => {
  it('reviews every queued thread with at most maxParallel at once', async () => {
    const threads = [await todoThread('one'), await todoThread('two'), await todoThread('three')];
    for (const thread of threads) await t.call('mergeQueue.add', { projectId, threadId: thread.id });
    await t.call('reviewer.setSettings', { projectId, settings: { prompt: null, maxParallel: 2 } });
    const runs = await t.call<ReviewerRun[]>('reviewer.runAll', { projectId, profileId: 'half-second', wait: true });
    expect(runs.map((r) => r.threadId).sort()).toEqual(threads.map((x) => x.id).sort());
    expect(runs.every((r) => r.state === 'done')).toBe(true);
    // From the recorded start and end times: never three at once, and two did overlap.
    const points = runs.flatMap((r) => [
      { at: Date.parse(r.startedAt), delta: 1 },
      { at: Date.parse(r.endedAt as string), delta: -1 },
    ]);
    points.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let running = 0;
    let most = 0;
    for (const point of points) {
      running += point.delta;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    await expectNoReviewWorktrees();
  }, 90_000);

  it('shows blocking findings per queue entry and suggests landing the blocked one last', async () => {
    const blocked = await todoThread('blocked first');
    const clean = await t.call<Thread>('threads.create', {
      projectId,
      name: 'clean',
      profileId: 'demo',
      scenario: 'quick',
      prompt: 'clean',
    });
    await waitFor(
      () => t.app.state.threads().find((x) => x.id === clean.id && x.status === 'done'),
      'clean to finish',
      20_000,
    );
    await t.call('mergeQueue.add', { projectId, threadId: blocked.id });
    await t.call('mergeQueue.add', { projectId, threadId: clean.id });
    const before = await t.call<QueueView>('mergeQueue.get', { projectId });
    expect(before.suggestedOrder).toEqual([blocked.id, clean.id]);

    await t.call('reviewer.runAll', { projectId, profileId: 'demo', wait: true });
    const view = await waitFor(async () => {
      const v = await t.call<QueueView>('mergeQueue.get', { projectId });
      return v.entries.find((e) => e.threadId === blocked.id)?.blockingFindings ? v : null;
    }, 'the blocking count in the queue');
    expect(view.entries.find((e) => e.threadId === blocked.id)?.blockingFindings).toBe(1);
    expect(view.entries.find((e) => e.threadId === clean.id)?.blockingFindings).toBe(0);
    expect(view.suggestedOrder).toEqual([clean.id, blocked.id]);
    expect(view.entries.find((e) => e.threadId === blocked.id)?.orderReason).toContain('blocked');
  }, 60_000);
});
