import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationView } from '../../shared/contract/review';
import type { Thread } from '../../shared/models';
import type { ReviewDetails, ReviewSummary } from '../../shared/review';
import type { ReviewComment } from '../../shared/review-comments';
import { keptOutputChars } from '../../shared/limits';
import type { VerificationRun } from '../../shared/review-verification';
import type { ClientLink } from '../api/client-link';
import { commitAll, makeTempDir, tip, waitFor } from '../test-support/temp-repo';
import { recordingClient, terminalText } from '../test-support/test-app';
import {
  createShellThread,
  prepareDist,
  repoWithReviewApp,
  type ReviewTestApp,
  startReviewApp,
} from '../test-support/review';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dist: string;
let repo: string;
let dataDir: string;
let t: ReviewTestApp;
let projectId: string;

beforeAll(async () => {
  temp = await makeTempDir('review-service-');
  dist = path.join(temp.dir, 'dist');
  await prepareDist(dist);
}, 60_000);

afterAll(async () => {
  await temp.cleanup();
});

beforeEach(async () => {
  ({ repo, dataDir, t, projectId } = await repoWithReviewApp(temp.dir, dist, {
    'README.md': '# Test\n',
    'src/app.ts': 'export const one = 1;\nexport const two = 2;\nexport const three = 3;\n',
    'package.json': '{ "name": "x" }\n',
  }));
});

afterEach(async () => {
  await t.app.shutdown();
});

async function finishedThread(name: string, brief?: Record<string, unknown>): Promise<Thread> {
  const thread = await createShellThread(t, projectId, name, 'true', brief);
  await waitFor(() => t.app.state.thread(thread.id).status === 'done', 'the thread to finish');
  return thread;
}

function summaryOf(threadId: string): Promise<ReviewSummary> {
  return t.call<ReviewSummary>('review.summary', { threadId });
}

describe('checked against the brief', () => {
  it('flags files outside the owned paths, on the must-not-edit list and on the hazard list', async () => {
    const thread = await finishedThread('Scoped', {
      task: 'Change the app',
      ownedPaths: ['src/**'],
      forbiddenPaths: ['src/generated/**'],
      changelogPath: '.changes/scoped.md',
    });
    const wt = thread.worktreePath;
    await mkdir(path.join(wt, 'src/generated'), { recursive: true });
    await mkdir(path.join(wt, '.changes'), { recursive: true });
    await writeFile(path.join(wt, 'src/app.ts'), 'export const one = 1;\n');
    await writeFile(path.join(wt, 'src/generated/client.ts'), 'generated\n');
    await writeFile(path.join(wt, 'package.json'), '{ "name": "y" }\n');
    await writeFile(path.join(wt, 'docs.md'), 'outside\n');
    await writeFile(path.join(wt, '.changes/scoped.md'), '- Changed the app\n');
    await commitAll(wt, 'work');

    const summary = await summaryOf(thread.id);
    const flags = Object.fromEntries(summary.files.map((f) => [f.path, f.flags]));
    expect(flags['src/app.ts']).toEqual({ outsideOwned: false, forbidden: null, hazard: null });
    expect(flags['src/generated/client.ts']).toMatchObject({
      forbidden: 'src/generated/**',
      hazard: '**/generated/**',
    });
    expect(flags['package.json']).toMatchObject({ outsideOwned: true, hazard: 'package.json' });
    expect(flags['docs.md']).toMatchObject({ outsideOwned: true, hazard: null });
    // The changelog fragment is expected, not out of scope.
    expect(flags['.changes/scoped.md']).toMatchObject({ outsideOwned: false });
    expect(summary.checks.outsideOwned.sort()).toEqual(['docs.md', 'package.json']);
    expect(summary.checks.changelog).toEqual({
      path: '.changes/scoped.md',
      exists: true,
      nonEmpty: true,
      committed: true,
    });
  });

  it('reports a missing or empty changelog fragment, the behind count, and a configurable hazard list', async () => {
    const thread = await finishedThread('Behind');
    await writeFile(path.join(repo, 'README.md'), '# Test\n\nmoved on\n');
    await commitAll(repo, 'base moves on 1');
    await writeFile(path.join(repo, 'other.txt'), 'x\n');
    await commitAll(repo, 'base moves on 2');
    await mkdir(path.join(thread.worktreePath, '.changes'), { recursive: true });
    await writeFile(path.join(thread.worktreePath, '.changes/behind.md'), '   \n');
    await writeFile(path.join(thread.worktreePath, 'schema.sql'), 'create table t();\n');

    let summary = await summaryOf(thread.id);
    expect(summary.behind).toBe(2);
    expect(summary.checks.changelog).toMatchObject({ path: '.changes/behind.md', exists: true, nonEmpty: false });
    expect(summary.checks.hazards).toEqual([]);

    await t.call('review.settings.set', { projectId, hazardPatterns: ['*.sql'] });
    summary = await summaryOf(thread.id);
    expect(summary.checks.hazards).toEqual([{ path: 'schema.sql', pattern: '*.sql' }]);
    expect(summary.files.find((f) => f.path === 'schema.sql')?.section).toBe('untracked');
  });
});

describe('verification', () => {
  it('runs a brief command as argv in the worktree, streams its output and records the commit it ran on', async () => {
    const thread = await finishedThread('Verify', {
      task: 'Verify',
      verificationCommands: [
        "node -e \"console.log(require('fs').readFileSync('README.md','utf8'))\"",
        'node -e "process.exit(3)"',
        'echo $HOME | cat',
      ],
    });
    const run = await t.call<VerificationRun>('review.verification.run', { threadId: thread.id, index: 0 });
    expect(run).toMatchObject({ state: 'running', via: 'argv', commit: await tip(thread.worktreePath, 'HEAD') });
    expect(run.argv).toEqual(['node', '-e', "console.log(require('fs').readFileSync('README.md','utf8'))"]);
    const view = await waitFor(async () => {
      const v = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
      return v.runs[0]?.state === 'passed' ? v : null;
    }, 'the run to pass');
    expect(view.runs[0]).toMatchObject({ exitCode: 0, stale: false, dirty: false });
    expect(view.runs[0]?.output).toContain('# Test');
    const streamed = t.events
      .filter((e) => e.event === 'review.verification.output')
      .map((e) => (e.payload as { data: string }).data)
      .join('');
    expect(streamed).toContain('# Test');

    // A failing command fails; shell syntax is refused without a chosen shell, and runs with one.
    await t.call('review.verification.run', { threadId: thread.id, index: 1 });
    await waitFor(async () => {
      const v = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
      return v.runs[0]?.state === 'failed' && v.runs[0].exitCode === 3;
    }, 'the second run to fail');
    const refused = await t.callError('review.verification.run', { threadId: thread.id, index: 2 });
    expect(refused.message).toContain('uses shell syntax');
    await t.call('review.settings.set', { projectId, verificationShell: '/bin/sh' });
    const viaShell = await t.call<VerificationRun>('review.verification.run', { threadId: thread.id, index: 2 });
    expect(viaShell.argv).toEqual(['/bin/sh', '-c', 'echo $HOME | cat']);
    await waitFor(async () => {
      const v = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
      return v.runs[0]?.state === 'passed';
    }, 'the shell run to pass');

    // A later commit makes every earlier result stale.
    await writeFile(path.join(thread.worktreePath, 'more.txt'), 'more\n');
    await commitAll(thread.worktreePath, 'more');
    const later = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
    expect(later.runs).toHaveLength(3);
    expect(later.runs.every((r) => r.stale)).toBe(true);
  });

  it('cancels a running command and its children', async () => {
    const thread = await finishedThread('Cancel', { task: 'x', verificationCommands: ['sleep 30'] });
    const run = await t.call<VerificationRun>('review.verification.run', { threadId: thread.id, index: 0 });
    const again = await t.callError('review.verification.run', { threadId: thread.id, index: 0 });
    expect(again.message).toContain('already running');
    expect(await t.call('review.verification.cancel', { threadId: thread.id, runId: run.id })).toEqual({
      cancelled: true,
    });
    await waitFor(async () => {
      const v = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
      return v.runs[0]?.state === 'cancelled';
    }, 'the run to be cancelled');
  });
});

describe('verification output and stopping', () => {
  it('a `yes` flood keeps the host bounded: paced events, a bounded kept tail, the middle marked as not shown', async () => {
    const thread = await finishedThread('Flood', { task: 'x', verificationCommands: ['yes'] });
    const before = process.memoryUsage();
    const run = await t.call<VerificationRun>('review.verification.run', { threadId: thread.id, index: 0 });
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }
    await t.call('review.verification.cancel', { threadId: thread.id, runId: run.id });
    const view = await waitFor(async () => {
      const v = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
      return v.runs[0]?.state === 'cancelled' ? v : null;
    }, 'the flood to be cancelled');
    const streamed = t.events
      .filter((e) => e.event === 'review.verification.output')
      .map((e) => (e.payload as { data: string }).data);
    const streamedChars = streamed.reduce((sum, data) => sum + data.length, 0);
    expect(peakRss - before.rss).toBeLessThan(100 * 1024 * 1024);
    expect(peakHeap - before.heapUsed).toBeLessThan(100 * 1024 * 1024);
    // About 500 KiB/s at most, in events of at most 8 KiB (plus a marker).
    expect(streamedChars).toBeLessThan(4 * 1024 * 1024);
    expect(Math.max(...streamed.map((data) => data.length))).toBeLessThanOrEqual(8 * 1024 + 100);
    expect(streamed.join('')).toMatch(/\[… \d+ bytes not shown …\]/);
    expect(streamed.join('')).toContain('y\ny\ny\n');
    expect(view.runs[0]?.output.length).toBeLessThanOrEqual(keptOutputChars);
    expect(view.runs[0]?.output).toMatch(/^(y\n)+$/);
    expect(view.runs[0]?.outputTruncated).toBe(true);
  });

  it('cancelling sends SIGTERM to the group, then SIGKILL after the grace period to what ignores it', async () => {
    const thread = await finishedThread('Stubborn', {
      task: 'x',
      verificationCommands: [`/bin/sh -c 'trap "" TERM; echo ready; sleep 30 & wait'`],
    });
    await t.call('review.settings.set', { projectId, verificationShell: null });
    const run = await t.call<VerificationRun>('review.verification.run', { threadId: thread.id, index: 0 });
    await waitFor(
      () =>
        t.events.some(
          (e) => e.event === 'review.verification.output' && (e.payload as { data: string }).data.includes('ready'),
        ),
      'the command to start',
    );
    const asked = Date.now();
    await t.call('review.verification.cancel', { threadId: thread.id, runId: run.id });
    await waitFor(
      async () => {
        const v = await t.call<VerificationView>('review.verification.list', { threadId: thread.id });
        return v.runs[0]?.state === 'cancelled';
      },
      'the stubborn command to be killed',
      15_000,
    );
    expect(Date.now() - asked).toBeLessThan(10_000);
  });
});

describe('comments to the agent', () => {
  it('sends drafts as one message into a demo agent that echoes them, marks them sent, and keeps them across restarts', async () => {
    const thread = await t.call<Thread>('threads.create', {
      projectId,
      name: 'Echo',
      profileId: 'demo',
      scenario: 'echo',
    });
    const window = recordingClient();
    await t.call('terminal.attach', { threadId: thread.id }, window);
    await waitFor(() => terminalText(window, thread.id).includes('Echo mode'), 'the echo agent to start');
    const add = (body: string, startLine: number, endLine: number, quote: string[], side = 'new') =>
      t.call<ReviewComment>('review.comments.add', {
        threadId: thread.id,
        path: 'src/app.ts',
        section: 'committed',
        side,
        startLine,
        endLine,
        quote,
        body,
      });
    await add('Rename two and three.', 2, 3, ['export const two = 2;', 'export const three = 3;']);
    await add('Why remove this?\nIt is used.', 1, 1, ['export const one = 1;\u001b[201~rm -rf'], 'old');

    const { sent, message } = await t.call<{ sent: ReviewComment[]; message: string }>('review.comments.send', {
      threadId: thread.id,
    });
    expect(sent.map((c) => c.state)).toEqual(['sent', 'sent']);
    expect(message).toBe(
      [
        'Review comments on your branch (2):',
        '1. src/app.ts:1 (before your change)',
        '   > export const one = 1;[201~rm -rf',
        '   Why remove this?',
        '   It is used.',
        '2. src/app.ts:2-3',
        '   > export const two = 2;',
        '   > export const three = 3;',
        '   Rename two and three.',
      ].join('\n'),
    );
    // Typed once the agent is ready for input, as one bracketed paste.
    await waitFor(
      () => terminalText(window, thread.id).includes('received:    Rename two and three.'),
      'the agent to echo the message',
      20_000,
    );
    const echoed = terminalText(window, thread.id);
    expect(echoed).toContain('received: Review comments on your branch (2):');
    expect(echoed).toContain('received: 2. src/app.ts:2-3');
    expect(echoed).not.toContain('\u001b[201~');

    // Nothing left to send; resolve one; a restart keeps them.
    expect((await t.callError('review.comments.send', { threadId: thread.id })).message).toContain('no draft comments');
    await t.call('review.comments.resolve', { threadId: thread.id, commentId: sent[0]?.id, resolved: true });
    await t.app.shutdown();
    t = await startReviewApp(dataDir, dist);
    const kept = await t.call<ReviewComment[]>('review.comments.list', { threadId: thread.id });
    expect(kept.map((c) => [c.startLine, c.state])).toEqual([
      [1, 'resolved'],
      [2, 'sent'],
    ]);
  });

  it('refuses to send to an agent that is not running and keeps the drafts', async () => {
    const thread = await finishedThread('Stopped');
    await t.call('review.comments.add', {
      threadId: thread.id,
      path: 'README.md',
      section: 'committed',
      side: 'new',
      startLine: 1,
      endLine: 1,
      quote: ['# Test'],
      body: 'Fix the title',
    });
    const error = await t.callError('review.decide', { threadId: thread.id, decision: 'changes-requested' });
    expect(error.message).toContain('is not running');
    const comments = await t.call<ReviewComment[]>('review.comments.list', { threadId: thread.id });
    expect(comments[0]?.state).toBe('draft');
    expect(t.app.state.thread(thread.id).review.state).toBe('unreviewed');
  });
});

describe('decisions', () => {
  it('approves on the branch tip (a later commit makes it stale), rejects into the archive and reopens', async () => {
    const thread = await finishedThread('Decide');
    await writeFile(path.join(thread.worktreePath, 'a.txt'), 'a\n');
    const first = await commitAll(thread.worktreePath, 'a');
    const approved = await t.call<Thread>('review.decide', { threadId: thread.id, decision: 'approved' });
    expect(approved.review).toMatchObject({ state: 'approved', commit: first });
    expect((await summaryOf(thread.id)).approvalStale).toBe(false);
    await writeFile(path.join(thread.worktreePath, 'b.txt'), 'b\n');
    await commitAll(thread.worktreePath, 'b');
    expect((await summaryOf(thread.id)).approvalStale).toBe(true);

    const rejected = await t.call<Thread>('review.decide', { threadId: thread.id, decision: 'rejected' });
    expect(rejected).toMatchObject({ archived: true, review: { state: 'rejected' } });
    expect(await tip(repo, 'refs/heads/switchyard/decide')).toBeTruthy();
    const reopened = await t.call<Thread>('review.decide', { threadId: thread.id, decision: 'unreviewed' });
    expect(reopened).toMatchObject({ archived: false, review: { state: 'unreviewed', commit: null } });
    expect(t.events.some((e) => e.event === 'thread.updated' && (e.payload as Thread).archived)).toBe(true);
  });
});

describe('files marked as viewed', () => {
  it('keeps the version each was viewed at, so a later change shows, and keeps the marks across restarts', async () => {
    const thread = await finishedThread('Viewed');
    await writeFile(path.join(thread.worktreePath, 'src/app.ts'), 'export const one = 1;\n');
    await commitAll(thread.worktreePath, 'shorter');
    const file = (await summaryOf(thread.id)).files.find((f) => f.path === 'src/app.ts');
    if (!file) throw new Error('src/app.ts is not in the summary');
    const marks = await t.call<Record<string, string>>('review.viewed.set', {
      threadId: thread.id,
      fileId: file.id,
      version: file.version,
      viewed: true,
    });
    expect(marks).toEqual({ [file.id]: file.version });
    expect(
      t.events.some((e) => e.event === 'review.changed' && (e.payload as { what: string }).what === 'viewed'),
    ).toBe(true);

    // The file changes again: same id, another version; the mark still names the old one.
    await writeFile(path.join(thread.worktreePath, 'src/app.ts'), 'export const one = 11;\n');
    await commitAll(thread.worktreePath, 'eleven');
    const changed = (await summaryOf(thread.id)).files.find((f) => f.id === file.id);
    expect(changed?.version).not.toBe(file.version);

    await t.app.shutdown();
    t = await startReviewApp(dataDir, dist);
    expect(await t.call('review.viewed.list', { threadId: thread.id })).toEqual({ [file.id]: file.version });
    const cleared = await t.call('review.viewed.set', {
      threadId: thread.id,
      fileId: file.id,
      version: file.version,
      viewed: false,
    });
    expect(cleared).toEqual({});
    expect((await t.callError('review.viewed.list', { threadId: 'no-such-thread' })).kind).toBe('not-found');
  });
});

describe('shutdown', () => {
  it("drops a removed thread's review data before shutdown returns: nothing writes review.json afterwards", async () => {
    const thread = await finishedThread('Short-lived');
    await writeFile(path.join(thread.worktreePath, 'src/app.ts'), 'export const one = 1;\n');
    await commitAll(thread.worktreePath, 'shorter');
    const file = (await summaryOf(thread.id)).files[0];
    if (!file) throw new Error('the thread changed no file');
    await t.call('review.viewed.set', { threadId: thread.id, fileId: file.id, version: file.version, viewed: true });
    await t.call('threads.remove', { threadId: thread.id, discard: true });
    await t.app.shutdown();
    const onDisk = JSON.parse(await readFile(path.join(dataDir, 'review.json'), 'utf8')) as { viewed: object };
    expect(JSON.stringify(onDisk.viewed)).not.toContain(thread.id);
    expect((await readdir(dataDir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    t = await startReviewApp(dataDir, dist);
  });
});

describe('file diffs', () => {
  it('serves only files the summary lists for that section: never a path outside the worktree', async () => {
    const thread = await finishedThread('Files');
    const wt = thread.worktreePath;
    await writeFile(path.join(wt, 'new.txt'), 'a new file\n');
    const outside = path.join(temp.dir, 'outside-secret.txt');
    await writeFile(outside, 'SECRET\n');
    const summary = await summaryOf(thread.id);
    expect(summary.files.map((f) => f.id)).toContain('untracked:new.txt');

    const listed = await t.call<{ patch: string }>('review.file', {
      threadId: thread.id,
      section: 'untracked',
      path: 'new.txt',
    });
    expect(listed.patch).toContain('+a new file');

    const relativeOut = path.relative(wt, outside);
    expect(relativeOut.startsWith('..')).toBe(true);
    for (const request of [
      { section: 'untracked', path: outside },
      { section: 'untracked', path: relativeOut },
      { section: 'untracked', path: 'src/../../outside-secret.txt' },
      { section: 'committed', path: 'README.md', oldPath: outside },
      // Real files of the worktree, but not listed in that section.
      { section: 'untracked', path: 'README.md' },
      { section: 'committed', path: 'new.txt' },
    ]) {
      const result = await t.app.dispatch('review.file', { threadId: thread.id, ...request });
      expect(result.ok, JSON.stringify(request)).toBe(false);
      if (!result.ok) expect(['invalid-request', 'not-found']).toContain(result.error.kind);
      expect(JSON.stringify(result)).not.toContain('SECRET');
    }

    // A file that appeared after the last summary is found once the summary is read again.
    await writeFile(path.join(wt, 'later.txt'), 'later\n');
    const later = await t.call<{ patch: string }>('review.file', {
      threadId: thread.id,
      section: 'untracked',
      path: 'later.txt',
    });
    expect(later.patch).toContain('+later');
  });
});

describe('the list first, its details after', () => {
  it('sends the file list without counts or commits, then the details of that revision', async () => {
    const thread = await finishedThread('Two steps');
    const wt = thread.worktreePath;
    await writeFile(path.join(wt, 'src/app.ts'), 'export const one = 1;\nexport const four = 4;\n');
    await writeFile(path.join(wt, 'image.bin'), Buffer.from([0, 1, 2, 0, 3]));
    await commitAll(wt, 'work');
    await writeFile(path.join(wt, 'notes.md'), 'a\nb\nc\n');

    const list = await t.call<ReviewSummary>('review.summary', { threadId: thread.id, detailsLater: true });
    expect(list.detailsPending).toBe(true);
    expect(list.files.map((f) => f.id).sort()).toEqual([
      'committed:image.bin',
      'committed:src/app.ts',
      'untracked:notes.md',
    ]);
    expect(list.files.every((f) => f.added === null && f.removed === null && f.binary === null)).toBe(true);
    expect(list.stat).toEqual({ files: 3, added: null, removed: null });
    expect(list.commits).toEqual([]);
    expect(list.mergeBase).toBeNull();

    const details = await t.call<ReviewDetails>('review.details', { threadId: thread.id, revision: list.revision });
    expect(details.revision).toBe(list.revision);
    const counts = Object.fromEntries(details.files.map((f) => [f.id, [f.added, f.removed, f.binary]]));
    expect(counts).toEqual({
      'committed:src/app.ts': [1, 2, false],
      'committed:image.bin': [0, 0, true],
      'untracked:notes.md': [3, 0, false],
    });
    expect(details.stat).toEqual({ files: 3, added: 4, removed: 2 });
    expect(details.commits.map((c) => c.subject)).toEqual(['work']);
    expect(details).toMatchObject({ ahead: 1, behind: 0, changelog: { exists: false } });

    // Asked in one step, the summary is the list with its details, under the same revision.
    const whole = await summaryOf(thread.id);
    expect(whole).toMatchObject({ detailsPending: false, revision: list.revision, stat: details.stat });
    expect(whole.mergeBase).toMatch(/^[0-9a-f]{40}$/);
    expect(whole.files.find((f) => f.id === 'untracked:notes.md')).toMatchObject({ added: 3, removed: 0 });

    // Details asked for a revision the worktree has moved on from: those of the current summary.
    await writeFile(path.join(wt, 'notes.md'), 'a\n');
    const current = await t.call<ReviewSummary>('review.summary', { threadId: thread.id, detailsLater: true });
    expect(current.revision).not.toBe(list.revision);
    const moved = await t.call<ReviewDetails>('review.details', { threadId: thread.id, revision: list.revision });
    expect(moved.revision).toBe(current.revision);
    expect(moved.files.find((f) => f.id === 'untracked:notes.md')?.added).toBe(1);
  });
});

describe('watching a worktree', () => {
  it('pushes review.changed once for a burst of edits while a window watches, and stops with the lease', async () => {
    const thread = await finishedThread('Watched');
    const window: ClientLink = { id: 'w1', send: () => undefined };
    await t.call('review.watch', { threadId: thread.id }, window);
    const before = await summaryOf(thread.id);
    await waitFor(() => t.app.review.watchedThreads().includes(thread.id), 'the watcher');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const changes = () =>
      t.events.filter((e) => e.event === 'review.changed' && (e.payload as { what: string }).what === 'files');
    const seen = changes().length;
    for (let i = 0; i < 5; i++) await writeFile(path.join(thread.worktreePath, `burst-${i}.txt`), `${i}\n`);
    await waitFor(() => changes().length > seen, 'a review.changed event', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(changes().length - seen).toBe(1);
    const after = await summaryOf(thread.id);
    expect(after.revision).not.toBe(before.revision);
    expect(after.files.filter((f) => f.section === 'untracked')).toHaveLength(5);
    // New folders are watched too.
    await mkdir(path.join(thread.worktreePath, 'deep/er'), { recursive: true });
    await writeFile(path.join(thread.worktreePath, 'deep/er/x.txt'), 'x\n');
    await waitFor(async () => (await summaryOf(thread.id)).files.some((f) => f.path === 'deep/er/x.txt'), 'deep file');
    await new Promise((resolve) => setTimeout(resolve, 800));
    const beforeNested = changes().length;
    await writeFile(path.join(thread.worktreePath, 'deep/er/x.txt'), 'x\ny\n');
    await waitFor(() => changes().length > beforeNested, 'a change inside a new folder', 10_000);

    await t.call('review.unwatch', { threadId: thread.id }, window);
    expect(t.app.review.watchedThreads()).not.toContain(thread.id);
  });
});

describe('after a merge', () => {
  it('reads the summary again when the thread is merged, though no watcher sees the base move', async () => {
    const thread = await finishedThread('Landed');
    await writeFile(path.join(thread.worktreePath, 'landed.txt'), 'landed\n');
    await commitAll(thread.worktreePath, 'landed');
    const window: ClientLink = { id: 'w1', send: () => undefined };
    await t.call('review.watch', { threadId: thread.id }, window);
    await waitFor(() => t.app.review.watchedThreads().includes(thread.id), 'the watcher');
    const before = await summaryOf(thread.id);
    expect(before.files.map((f) => f.path)).toEqual(['landed.txt']);

    const outcome = await t.call<{ commit: string }>('merge.run', { threadId: thread.id });
    expect(await tip(repo, 'main')).toBe(outcome.commit);
    await waitFor(
      () =>
        t.events.some(
          (e) => e.event === 'review.changed' && (e.payload as { threadId: string }).threadId === thread.id,
        ),
      'a review.changed event after the merge',
      10_000,
    );
    const after = await summaryOf(thread.id);
    expect(after.files).toEqual([]);
    expect(after.behind).toBe(1);
    await t.call('review.unwatch', { threadId: thread.id }, window);
  });
});
