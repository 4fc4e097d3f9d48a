import { access, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detailsOf } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { gitOutput } from '../git/core';
import { drawnLines, resetSequence } from '../terminals/screen-mirror';
import { commitAll, tip, waitFor, writeFiles } from '../test-support/temp-repo';
import {
  type RecordedEvent,
  recordingClient,
  terminalText,
  closeRepoWithApp,
  repoWithApp,
  type RepoWithApp,
} from '../test-support/test-app';

/** A tiny real agent: asks, waits for the answer typed into its pty, edits, commits. */
const askingAgent = [
  '/bin/sh',
  '-c',
  'echo "working on it"; printf "Apply this edit? (y/n) "; read answer; echo "answer=$answer"; echo hello > feature.txt; git add -A; git commit -qm "Add feature"; echo finished',
];

let temp: RepoWithApp['temp'];
let app: SwitchyardApp;
let events: RecordedEvent[];
let repo: string;

beforeEach(async () => {
  ({ temp, repo, app, events } = await repoWithApp());
});

afterEach(() => closeRepoWithApp(app, temp));

const window = recordingClient();

async function call<T = unknown>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload, window);
  if (!result.ok)
    throw Object.assign(new Error(result.error.message), { kind: result.error.kind, details: result.error.details });
  return result.value as T;
}

async function failure(channel: string, payload: unknown) {
  const result = await app.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

function statusOf(id: string): Thread['status'] | undefined {
  return app.state.threads().find((t) => t.id === id)?.status;
}

async function createAskingThread(projectId: string, name = 'Add feature'): Promise<Thread> {
  return call<Thread>('threads.create', { projectId, name, profileId: 'custom', command: askingAgent });
}

describe('the dispatcher loop on a real repository', () => {
  it('creates a worktree thread, answers its question through the pty, shows its diff and merges it', async () => {
    const project = await call<{ id: string; worktreeRoot: string }>('projects.open', { path: repo });
    expect(project.worktreeRoot).toBe(`${repo}.worktrees`);

    const thread = await createAskingThread(project.id);
    expect(thread.branch).toBe('switchyard/add-feature');
    expect(thread.baseBranch).toBe('main');
    expect(thread.worktreePath).toBe(path.join(`${repo}.worktrees`, 'switchyard-add-feature'));
    expect((await gitOutput(thread.worktreePath, ['branch', '--show-current'])).trim()).toBe('switchyard/add-feature');

    const attached = await call<{ data: string; end: number }>('terminal.attach', { threadId: thread.id });
    await waitFor(() => statusOf(thread.id) === 'needs-input', 'the question to be noticed');
    expect(app.state.thread(thread.id).statusReason).toContain('Apply this edit? (y/n)');
    await call('terminal.input', { threadId: thread.id, data: 'y\r' });
    await waitFor(() => statusOf(thread.id) === 'done', 'the agent to finish');

    // What the window saw: the scrollback at attach time, then the live chunks after it.
    const output = attached.data + terminalText(window, thread.id);
    expect(output).toContain('answer=y');
    expect(events.some((e) => e.event === 'terminal.data')).toBe(false);
    const reattached = await call<{ data: string; end: number }>('terminal.attach', { threadId: thread.id });
    // A pane that attaches again gets the screen redrawn (a snapshot), showing what the first one did.
    expect(reattached.data.startsWith(resetSequence)).toBe(true);
    expect(await drawnLines(reattached.data, 120, 32)).toEqual(await drawnLines(output, 120, 32));
    expect(reattached.end).toBe(attached.end + terminalText(window, thread.id).length);

    await writeFiles(thread.worktreePath, { 'draft.txt': 'not committed yet\n' });
    const review = await call<{ files: Array<{ path: string; section: string }>; commits: unknown[] }>(
      'review.summary',
      { threadId: thread.id },
    );
    expect(review.commits).toHaveLength(1);
    expect(review.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'feature.txt', section: 'committed' }),
        expect.objectContaining({ path: 'draft.txt', section: 'untracked' }),
      ]),
    );
    // Looking at the diff must not stage anything in the agent's worktree.
    expect((await gitOutput(thread.worktreePath, ['diff', '--cached', '--name-only'])).trim()).toBe('');

    const before = await tip(repo, 'main');
    const merged = await call<{ commit: string; updatedCheckout: string | null }>('merge.run', { threadId: thread.id });
    expect(merged.updatedCheckout).toBe(repo);
    expect(await tip(repo, 'main')).toBe(merged.commit);
    const parents = (await gitOutput(repo, ['rev-list', '--parents', '-n', '1', merged.commit])).trim().split(' ');
    expect(parents.slice(1)).toEqual([before, await tip(repo, 'switchyard/add-feature')]);
    expect(await readFile(path.join(repo, 'feature.txt'), 'utf8')).toBe('hello\n');
    expect(app.state.thread(thread.id).merged?.commit).toBe(merged.commit);
  });

  it('refuses bad input with specific errors and leaves nothing half-created', async () => {
    expect((await failure('projects.open', { path: path.join(temp.dir, 'nope') })).kind).toBe('not-found');
    const plain = path.join(temp.dir, 'data');
    expect((await failure('projects.open', { path: plain })).kind).toBe('not-a-repo');
    const empty = path.join(temp.dir, 'empty');
    await import('node:fs/promises').then((fs) => fs.mkdir(empty));
    await gitOutput(empty, ['init', '--quiet']);
    expect((await failure('projects.open', { path: empty })).kind).toBe('no-commits');

    const project = await call<{ id: string }>('projects.open', { path: repo });
    const base = { projectId: project.id, profileId: 'custom', command: ['/bin/true'] };
    const branchesBefore = await gitOutput(repo, ['branch', '--list']);

    const invalid = await failure('threads.create', { ...base, name: 'x', branch: 'bad..name' });
    expect(invalid.kind).toBe('invalid-branch-name');
    expect(invalid.message).toContain('bad..name');
    expect((await failure('threads.create', { ...base, name: 'x', branch: '-oops' })).kind).toBe('invalid-branch-name');
    expect((await failure('threads.create', { ...base, name: 'x', baseBranch: 'does-not-exist' })).kind).toBe(
      'base-not-found',
    );
    expect((await failure('threads.create', { ...base, name: 'x', branch: 'main' })).kind).toBe('branch-exists');

    await import('node:fs/promises').then((fs) =>
      fs.mkdir(path.join(`${repo}.worktrees`, 'taken'), { recursive: true }),
    );
    expect((await failure('threads.create', { ...base, name: 'x', branch: 'taken' })).kind).toBe('worktree-exists');

    const missing = await failure('threads.create', {
      projectId: project.id,
      name: 'Claude task',
      profileId: 'custom',
      command: ['no-such-agent-binary-xyz', '{prompt}'],
    });
    expect(detailsOf(missing, 'agent-missing')).toEqual({ binary: 'no-such-agent-binary-xyz', profileId: 'custom' });
    expect(missing.message).toContain('no-such-agent-binary-xyz');

    expect(await gitOutput(repo, ['branch', '--list'])).toBe(branchesBefore);
    expect((await gitOutput(repo, ['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
    expect(app.state.threads()).toHaveLength(0);

    const malformed = await failure('threads.create', {
      projectId: project.id,
      name: '',
      profileId: 'custom',
      extra: true,
    });
    expect(malformed.kind).toBe('invalid-request');
  });

  it('names the conflicting files and changes nothing when a merge would conflict', async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Retitle',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'echo "# Theirs" > README.md && git commit -qam retitle'],
    });
    await waitFor(() => statusOf(thread.id) === 'done', 'the agent to commit');
    await writeFiles(repo, { 'README.md': '# Ours\n' });
    await commitAll(repo, 'our title');
    const mainBefore = await tip(repo, 'main');
    const branchBefore = await tip(repo, thread.branch);

    const error = await failure('merge.run', { threadId: thread.id });
    expect(detailsOf(error, 'merge-conflict')).toEqual({ files: ['README.md'] });
    expect(await tip(repo, 'main')).toBe(mainBefore);
    expect(await tip(repo, thread.branch)).toBe(branchBefore);
    expect((await gitOutput(repo, ['status', '--porcelain'])).trim()).toBe('');
    expect(app.state.thread(thread.id).merged).toBeNull();
  });

  it('refuses to merge into a dirty checkout of the base', async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Add file',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'echo x > x.txt && git add x.txt && git commit -qm x'],
    });
    await waitFor(() => statusOf(thread.id) === 'done', 'the agent to commit');
    await writeFiles(repo, { 'README.md': '# edited but not committed\n' });
    const before = await tip(repo, 'main');
    const error = await failure('merge.run', { threadId: thread.id });
    expect(detailsOf(error, 'dirty-checkout')).toEqual({ files: ['README.md'], checkout: repo });
    expect(await tip(repo, 'main')).toBe(before);
  });

  it('merges into a base that is not checked out anywhere by moving only its ref', async () => {
    await gitOutput(repo, ['branch', 'release']);
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Fix',
      baseBranch: 'release',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'echo fix > fix.txt && git add fix.txt && git commit -qm fix'],
    });
    await waitFor(() => statusOf(thread.id) === 'done', 'the agent to commit');
    const mainBefore = await tip(repo, 'main');
    const merged = await call<{ commit: string; updatedCheckout: string | null; into: string }>('merge.run', {
      threadId: thread.id,
    });
    expect(merged.into).toBe('release');
    expect(merged.updatedCheckout).toBeNull();
    expect(await tip(repo, 'release')).toBe(merged.commit);
    expect(await tip(repo, 'main')).toBe(mainBefore);
  });

  it('refuses to remove unsaved work, and with an explicit discard keeps a backup ref of everything', async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Work',
      profileId: 'custom',
      command: [
        '/bin/sh',
        '-c',
        'echo one > one.txt && git add one.txt && git commit -qm one && echo draft > draft.txt',
      ],
    });
    await waitFor(() => statusOf(thread.id) === 'done', 'the agent to finish');
    const branchTip = await tip(repo, thread.branch);

    const refused = await failure('threads.remove', { threadId: thread.id });
    expect(detailsOf(refused, 'unsaved-work')).toEqual({
      uncommittedFiles: ['draft.txt'],
      unmergedCommits: 1,
      detachedCommits: 0,
      ignoredFiles: [],
      nestedRepositories: [],
    });
    await access(thread.worktreePath);
    expect(await tip(repo, thread.branch)).toBe(branchTip);

    const outcome = await call<{ backupRef: string; worktreeRemoved: boolean; branchDeleted: boolean }>(
      'threads.remove',
      {
        threadId: thread.id,
        discard: true,
      },
    );
    expect(outcome.worktreeRemoved).toBe(true);
    expect(outcome.branchDeleted).toBe(true);
    expect(outcome.backupRef).toMatch(/^refs\/switchyard\/backups\/switchyard\/work\//);
    // The backup holds the uncommitted file, on top of the branch's commit.
    expect(await gitOutput(repo, ['show', `${outcome.backupRef}:draft.txt`])).toBe('draft\n');
    expect(await tip(repo, `${outcome.backupRef}^`)).toBe(branchTip);
    await expect(access(thread.worktreePath)).rejects.toThrow();
    expect(app.state.threads()).toHaveLength(0);
    expect(events.some((e) => e.event === 'thread.removed')).toBe(true);
  });

  it('removes a merged thread without asking, and copes with a worktree deleted behind its back', async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await createAskingThread(project.id, 'Merged one');
    await waitFor(() => statusOf(thread.id) === 'needs-input', 'the question');
    await call('terminal.input', { threadId: thread.id, data: 'y\r' });
    await waitFor(() => statusOf(thread.id) === 'done', 'the commit');
    await call('merge.run', { threadId: thread.id });
    const outcome = await call<{ backupRef: string | null; branchDeleted: boolean }>('threads.remove', {
      threadId: thread.id,
    });
    expect(outcome).toMatchObject({ backupRef: null, branchDeleted: true });

    const gone = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Vanishing',
      profileId: 'custom',
      command: ['/bin/true'],
    });
    await waitFor(() => statusOf(gone.id) === 'done', 'exit');
    await rm(gone.worktreePath, { recursive: true, force: true });
    const listed = await call<Thread[]>('threads.list', {});
    expect(listed.find((t) => t.id === gone.id)?.worktreeMissing).toBe(true);
    expect((await failure('review.summary', { threadId: gone.id })).kind).toBe('worktree-missing');
    const removed = await call<{ worktreeRemoved: boolean; branchDeleted: boolean }>('threads.remove', {
      threadId: gone.id,
    });
    expect(removed).toMatchObject({ worktreeRemoved: false, branchDeleted: true });
    expect((await gitOutput(repo, ['worktree', 'list', '--porcelain'])).match(/^worktree /gm)).toHaveLength(1);
  });

  it('marks a failing agent failed with its exit code and last line, and a stopped one stopped', async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const failing = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Not logged in',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'echo "Not logged in · Please run /login"; exit 1'],
    });
    await waitFor(() => statusOf(failing.id) === 'failed', 'the failure');
    expect(app.state.thread(failing.id)).toMatchObject({
      exitCode: 1,
      statusReason: 'exit 1: Not logged in · Please run /login',
    });

    const sleeper = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Sleeper',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'echo started; sleep 30 & sleep 30'],
    });
    await waitFor(() => statusOf(sleeper.id) === 'working' || statusOf(sleeper.id) === 'idle', 'the start');
    await call('threads.stop', { threadId: sleeper.id });
    await waitFor(() => statusOf(sleeper.id) === 'stopped', 'the stop');
  });

  it('stops every agent and the processes it started when the app shuts down', async () => {
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Spawner',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'sleep 60 & echo $! > child.pid; echo ready; sleep 60'],
    });
    const childPid = Number(
      await waitFor(
        async () => (await readFile(path.join(thread.worktreePath, 'child.pid'), 'utf8').catch(() => '')).trim(),
        'the child pid',
      ),
    );
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(childPid)).toBe(true);
    await app.shutdown();
    await waitFor(() => !alive(childPid), 'the grandchild to be gone');
    await waitFor(() => statusOf(thread.id) === 'stopped', 'the thread to show stopped');
  });
});
