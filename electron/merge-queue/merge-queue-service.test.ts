import { spawn } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultChangelogPath } from '../../shared/brief';
import type {
  CleanupItem,
  HandBackOutcome,
  LandingOutcome,
  LandingProgress,
  Orphans,
  QueueView,
} from '../../shared/merge-queue';
import type { Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { gitOutput, runGit } from '../git/core';
import { bundleNodeScript } from '../test-support/bundle-script';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import {
  makeTestApp,
  type RecordedEvent,
  recordingClient,
  terminalText,
  closeRepoWithApp,
  repoWithApp,
} from '../test-support/test-app';
import { baseFiles, rev } from '../test-support/merge-queue';
import type * as ConflictMatrixModule from './conflict-matrix';
import { QueueViews } from './queue-views';

/** How often a conflict matrix is computed (the real computation, counted). */
const matrixRuns = vi.hoisted(() => ({ count: 0 }));
vi.mock('./conflict-matrix', async (importOriginal) => {
  const actual = await importOriginal<typeof ConflictMatrixModule>();
  return {
    ...actual,
    computeConflictMatrix: (...args: Parameters<typeof actual.computeConflictMatrix>) => {
      matrixRuns.count++;
      return actual.computeConflictMatrix(...args);
    },
  };
});

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let bundle: Awaited<ReturnType<typeof makeTempDir>>;
let landerScript: string;

// A stand-in for another process landing the queue (the CLI, or the app before a crash): it lands
// the entries it is given and hangs once the first has landed, to be killed there.
beforeAll(async () => {
  bundle = await makeTempDir('mq-lander-');
  const entry = path.join(bundle.dir, 'lander.ts');
  await writeFile(
    entry,
    `import { writeFileSync } from 'node:fs';
import { landBranches } from ${JSON.stringify(path.resolve(__dirname, 'land-branches'))};
const { repo, entries, marker } = JSON.parse(process.argv[2]);
void landBranches({
  repo, target: 'main', entries, mode: 'merge', verify: null, worktreeRoot: repo + '.worktrees',
  changelog: { file: 'CHANGELOG.md', heading: '## Unreleased' },
  afterJournal: async (journal) => {
    if (journal.branch === entries[1].branch && journal.step === 'applying') {
      writeFileSync(marker, '');
      await new Promise(() => setInterval(() => undefined, 1000));
    }
  },
});
`,
  );
  landerScript = path.join(bundle.dir, 'lander.cjs');
  await bundleNodeScript(entry, landerScript);
}, 60_000);
afterAll(() => bundle.cleanup());
let app: SwitchyardApp;
let events: RecordedEvent[];
let repo: string;
let projectId: string;
const window = recordingClient();

beforeEach(async () => {
  ({ temp, repo, app, events } = await repoWithApp(baseFiles));
  projectId = (await call<{ id: string }>('projects.open', { path: repo })).id;
});

afterEach(() => closeRepoWithApp(app, temp));

async function call<T = unknown>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload, window);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

/** A real agent in a pty that writes `file` with `content`, commits, and (optionally) stays to read lines. */
async function thread(name: string, file: string, content: string, stay = false): Promise<Thread> {
  const script = `mkdir -p "$(dirname '${file}')"; printf '%s\\n' '${content}' > '${file}'; git add -A; git commit -qm '${name}'; echo committed${stay ? '; while read line; do echo "got: $line"; done' : ''}`;
  const created = await call<Thread>('threads.create', {
    projectId,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', script],
  });
  await waitFor(
    async () => (await gitOutput(repo, ['rev-list', '--count', `main..${created.branch}`])).trim() === '1',
    `${name} to commit`,
    20_000,
  );
  return created;
}

async function approve(t: Thread) {
  const commit = await rev(repo, t.branch);
  await app.threads.recordReview(t.id, { state: 'approved', commit, at: new Date().toISOString() }, false);
}

describe('the merge queue service', () => {
  it('queues approved threads, shows risk and order, lands in order, records the landing, and cleans up', async () => {
    const a = await thread('Title A', 'README.md', '# Title A');
    const b = await thread('Title B', 'README.md', '# Title B');
    const docs = await thread('Docs', 'docs/guide.md', 'Guide');
    const draft = await thread('Draft', 'draft.md', 'not approved');
    for (const t of [a, b, docs]) await approve(t);

    const view = await call<QueueView>('mergeQueue.get', { projectId });
    expect(view.target).toBe('main');
    expect(view.entries.map((e) => e.name).sort()).toEqual(['Docs', 'Title A', 'Title B']);
    expect(view.candidates.map((c) => c.name)).toEqual(['Draft']);
    const entry = (name: string) => view.entries.find((e) => e.name === name);
    expect(entry('Title A')).toMatchObject({ risk: 'conflict', riskReasons: ['conflicts with Title B in README.md'] });
    expect(entry('Docs')).toMatchObject({ risk: 'clean' });
    expect(entry('Docs')?.orderReason).toContain('touches no file another entry touches');
    expect(view.suggestedOrder?.[0]).toBe(docs.id);

    // The dispatcher's order: Title A, Docs, Title B. Then "land all" stops at Title B's conflict.
    await call('mergeQueue.reorder', { projectId, order: [a.id, docs.id, b.id] });
    const before = await rev(repo, 'main');
    const outcome = await call<LandingOutcome>('mergeQueue.land', { projectId, all: true });
    expect(outcome.landed).toEqual([a.branch, docs.branch]);
    expect(outcome.stopped).toMatchObject({ branch: b.branch, reason: 'conflict', files: ['README.md'] });
    expect(await rev(repo, 'main')).toBe(outcome.after);
    expect(await gitOutput(repo, ['rev-list', '--count', `${before}..main`])).toBe('4\n');
    expect(app.state.thread(a.id).merged).toMatchObject({ into: 'main', commit: outcome.commits[a.branch] });
    const after = await call<QueueView>('mergeQueue.get', { projectId });
    expect(after.entries.map((e) => e.name)).toEqual(['Title B']);
    expect(after.stoppedThreadId).toBe(b.id);
    expect(after.landed.map((l) => l.name).sort()).toEqual(['Docs', 'Title A']);
    expect(events.some((e) => e.event === 'mergeQueue.updated')).toBe(true);

    // Skip Title B; queue the draft anyway; land the rest.
    const skipped = await call<{ outcome: LandingOutcome | null }>('mergeQueue.skip', {
      projectId,
      threadId: b.id,
      continue: true,
    });
    expect(skipped.outcome).toBeNull();
    await call('mergeQueue.add', { projectId, threadId: draft.id });
    const landDraft = await call<LandingOutcome>('mergeQueue.land', { projectId, all: true });
    expect(landDraft.landed).toEqual([draft.branch]);

    // Cleanup: Docs goes entirely; Title A's worktree has an uncommitted file, so it is refused.
    await runGit(a.worktreePath, ['status']);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(a.worktreePath, 'scratch.txt'), 'unsaved\n');
    const items = await call<CleanupItem[]>('mergeQueue.cleanup', { projectId, threadIds: [docs.id, a.id, b.id] });
    expect(items[0]).toMatchObject({ subject: 'Docs', kept: [] });
    expect(items[0]?.removed).toEqual([
      `worktree ${docs.worktreePath}`,
      `branch ${docs.branch} (fully merged)`,
      'thread record',
    ]);
    expect(items[1]?.kept[0]).toContain('1 uncommitted file (scratch.txt)');
    expect(items[1]?.kept[1]).toContain('still checked out');
    expect(items[2]).toMatchObject({
      subject: 'Title B',
      removed: [],
      kept: ['not landed into main; nothing removed'],
    });
    expect(app.state.threads().map((t) => t.name)).not.toContain('Docs');
    await expect(access(a.worktreePath)).resolves.toBeUndefined();
    expect(await gitOutput(repo, ['branch', '--list', b.branch])).toContain(b.branch);
    // With archive chosen, the uncommitted file is kept under a backup ref, then removed.
    const archived = await call<CleanupItem[]>('mergeQueue.cleanup', { projectId, threadIds: [a.id], archive: true });
    expect(archived[0]?.backupRefs).toHaveLength(1);
    expect(await gitOutput(repo, ['show', `${archived[0]?.backupRefs[0]}:scratch.txt`])).toBe('unsaved\n');
  });

  it('one landing recomputes the conflict matrix once, and sends its progress without building the view again', async () => {
    const notes = await thread('Notes', 'notes.md', 'Notes');
    const docs = await thread('Docs', 'docs/guide.md', 'Guide');
    for (const t of [notes, docs]) await approve(t);
    await waitFor(() => ![notes, docs].some((t) => app.threads.isActive(t.id)), 'the agents to exit');
    await call('mergeQueue.reorder', { projectId, order: [notes.id, docs.id] });
    await call('mergeQueue.get', { projectId }); // the matrix, computed the first time
    await new Promise((resolve) => setTimeout(resolve, 500)); // any recompute the agents' updates scheduled has run
    const matricesBefore = matrixRuns.count;
    const sentBefore = events.length;
    const builds = vi.spyOn(QueueViews.prototype, 'build');
    try {
      const outcome = await call<LandingOutcome>('mergeQueue.land', { projectId, all: true });
      expect(outcome.landed).toEqual([notes.branch, docs.branch]);
      // Long enough for a recompute the landing's own thread updates would have scheduled.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(matrixRuns.count - matricesBefore).toBe(1);
      // Built twice: the view the landing starts from, and the one with its outcome.
      expect(builds).toHaveBeenCalledTimes(2);
    } finally {
      builds.mockRestore();
    }
    const after = events.slice(sentBefore);
    // Steps travel alone; the whole view only with the outcome.
    const steps = after
      .filter((e) => e.event === 'mergeQueue.progress')
      .map((e) => e.payload as LandingProgress)
      .map((p) => `${p.step} ${p.branch ?? ''}`.trim());
    expect(steps).toEqual([
      'preparing',
      `applying ${notes.branch}`,
      `publishing ${notes.branch}`,
      `applying ${docs.branch}`,
      `publishing ${docs.branch}`,
      'changelog',
      'done',
    ]);
    const sent = after.filter((e) => e.event === 'mergeQueue.updated').map((e) => e.payload as QueueView);
    expect(sent.map((v) => v.landing)).toEqual([null]);
    const last = sent.at(-1);
    expect(last?.entries).toEqual([]);
    expect(last?.landed.map((l) => l.name).sort()).toEqual(['Docs', 'Notes']);
    expect(last?.targetTip).toBe(await rev(repo, 'main'));
  });

  it('after a landing killed -9 between entries, the next start finishes it: fragments gathered, landed entries out of the queue, a notice in the view', async () => {
    const first = await thread('First', defaultChangelogPath('First'), '- First change');
    const second = await thread('Second', defaultChangelogPath('Second'), '- Second change');
    for (const t of [first, second]) await approve(t);
    await call('mergeQueue.reorder', { projectId, order: [first.id, second.id] });
    const before = await rev(repo, 'main');

    // Another process lands both as the queue would, and is killed -9 once the first has landed.
    const marker = path.join(temp.dir, 'first-landed');
    const entries = [first, second].map((t) => ({
      branch: t.branch,
      label: t.name,
      fragments: [defaultChangelogPath(t.name)],
    }));
    const lander = spawn(process.execPath, [landerScript, JSON.stringify({ repo, entries, marker })], {
      stdio: 'ignore',
    });
    await waitFor(
      () =>
        access(marker).then(
          () => true,
          () => false,
        ),
      'the first entry to land',
      20_000,
    );
    const exited = new Promise((resolve) => lander.once('exit', resolve));
    expect(lander.exitCode).toBeNull();
    lander.kill('SIGKILL');
    await exited;
    const afterFirst = await rev(repo, 'main');
    expect(afterFirst).not.toBe(before);
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', '.changes/'])).toContain('first.md');

    await app.shutdown();
    ({ app, events } = await makeTestApp(path.join(temp.dir, 'data')));
    const view = await call<QueueView>('mergeQueue.get', { projectId });
    expect(view.recovery).toContain('Already landed by that run: ' + first.branch);
    expect(view.recovery).toContain('changelog fragments were gathered');
    expect(view.entries.map((e) => e.name)).toEqual(['Second']);
    expect(view.landed.map((l) => l.name)).toEqual(['First']);
    expect(app.state.thread(first.id).merged).toMatchObject({ into: 'main', commit: afterFirst });
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', '.changes/'])).toBe('');
    expect(await gitOutput(repo, ['show', 'main:CHANGELOG.md'])).toContain('- First change');

    // The next landing lands the rest; the notice has done its job.
    const outcome = await call<LandingOutcome>('mergeQueue.land', { projectId, all: true });
    expect(outcome.landed).toEqual([second.branch]);
    expect(await gitOutput(repo, ['show', 'main:CHANGELOG.md'])).toContain('- Second change');
    const after = await call<QueueView>('mergeQueue.get', { projectId });
    expect(after.recovery).toBeNull();
    expect(after.entries).toEqual([]);
    const subjects = await gitOutput(repo, ['log', '--format=%s', `${before}..main`]);
    expect(subjects.split(first.branch).length - 1).toBe(1);
  });

  it('refuses to land an approval that the branch has moved past, until approved again or queued anyway', async () => {
    const t = await thread('Moving', 'moving.md', 'first', true);
    await approve(t);
    await runGit(t.worktreePath, ['commit', '-q', '--allow-empty', '-m', 'after the approval']);
    const before = await rev(repo, 'main');
    const view = await call<QueueView>('mergeQueue.refresh', { projectId });
    expect(view.entries[0]).toMatchObject({ name: 'Moving', approvalStale: true });
    await expect(call('mergeQueue.land', { projectId, all: true })).rejects.toThrow(
      /"Moving" gained commits after it was approved/,
    );
    expect(await rev(repo, 'main')).toBe(before);
    await call('mergeQueue.add', { projectId, threadId: t.id });
    const outcome = await call<LandingOutcome>('mergeQueue.land', { projectId, all: true });
    expect(outcome.landed).toEqual([t.branch]);
  });

  it('hands a conflicting entry back: rebases its branch in its worktree and tells the running agent the files', async () => {
    const a = await thread('Title A', 'README.md', '# Title A');
    const b = await thread('Title B', 'README.md', '# Title B', true);
    for (const t of [a, b]) await approve(t);
    await call('mergeQueue.reorder', { projectId, order: [a.id, b.id] });
    const outcome = await call<LandingOutcome>('mergeQueue.land', { projectId, all: true });
    expect(outcome.stopped?.branch).toBe(b.branch);
    const bTip = await rev(repo, b.branch);
    const replay = await app.terminals.attach(b.id, window);

    const handed = await call<HandBackOutcome>('mergeQueue.handBack', { projectId, threadId: b.id });
    expect(handed).toMatchObject({ rebased: false, conflicts: ['README.md'], messaged: true });
    expect(await rev(repo, handed.backupRef as string)).toBe(bTip);
    const screen = () => replay.data + terminalText(window, b.id);
    await waitFor(() => screen().includes('got: Switchyard rebased your branch onto main'), 'the message', 15_000);
    expect(screen()).toContain('conflicts in: README.md');
    // The agent is left in the rebase to resolve it; the branch itself has not moved yet.
    expect(await gitOutput(b.worktreePath, ['status'])).toContain('rebase');
    expect(await rev(repo, b.branch)).toBe(bTip);
  });

  it('finds orphans: a Switchyard branch with no thread, a vanished worktree, a thread whose folder is gone', async () => {
    const gone = await thread('Gone', 'gone.txt', 'gone');
    await runGit(repo, ['branch', 'switchyard/left-behind', 'main']);
    const { rm } = await import('node:fs/promises');
    await rm(gone.worktreePath, { recursive: true, force: true });
    const orphans = await call<Orphans>('mergeQueue.orphans', { projectId });
    expect(orphans.branches).toEqual([{ branch: 'switchyard/left-behind', merged: true }]);
    expect(orphans.prunableWorktrees).toEqual([gone.worktreePath]);
    expect(orphans.threads).toEqual([{ threadId: gone.id, name: 'Gone', worktreePath: gone.worktreePath }]);

    const items = await call<CleanupItem[]>('mergeQueue.cleanOrphans', {
      projectId,
      prune: true,
      branches: ['switchyard/left-behind'],
      threadIds: [gone.id],
    });
    expect(items[1]).toMatchObject({ removed: ['branch switchyard/left-behind (fully merged)'], backupRefs: [] });
    // The vanished thread had an unmerged commit: its branch is kept under a backup ref.
    expect(items[2]?.backupRefs).toHaveLength(1);
    const left = await call<Orphans>('mergeQueue.orphans', { projectId });
    expect(left).toEqual({ prunableWorktrees: [], branches: [], threads: [] });
  });
});
