import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireError } from '../../shared/errors';
import type { RemoveOutcome, Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { gitOutput, runGit } from '../git/core';
import { commitAll, tip, waitFor, writeFiles } from '../test-support/temp-repo';
import { closeRepoWithApp, repoWithApp, type RepoWithApp } from '../test-support/test-app';

let temp: RepoWithApp['temp'];
let app: SwitchyardApp;
let repo: string;
let projectId: string;

beforeEach(async () => {
  ({ temp, repo, app } = await repoWithApp());
});

afterEach(() => closeRepoWithApp(app, temp));

async function call<T = unknown>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok)
    throw Object.assign(new Error(result.error.message), { kind: result.error.kind, details: result.error.details });
  return result.value as T;
}

async function failure(channel: string, payload: unknown): Promise<WireError> {
  const result = await app.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

async function openProject(): Promise<string> {
  projectId = (await call<{ id: string }>('projects.open', { path: repo })).id;
  return projectId;
}

function statusOf(id: string): Thread['status'] | undefined {
  return app.state.threads().find((t) => t.id === id)?.status;
}

/** A thread whose agent runs `script` in /bin/sh and exits. */
async function threadRunning(name: string, script: string): Promise<Thread> {
  const thread = await call<Thread>('threads.create', {
    projectId,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', script],
  });
  return thread;
}

async function finished(name: string, script: string): Promise<Thread> {
  const thread = await threadRunning(name, `${script} && echo finished`);
  await waitFor(() => statusOf(thread.id) === 'done', `"${name}" to finish`);
  return thread;
}

async function isAncestor(ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(repo, ['merge-base', '--is-ancestor', ancestor, descendant], { okExitCodes: [0, 1] });
  return result.exitCode === 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('removing a thread whose work is on a detached HEAD', () => {
  it('counts commits only the detached HEAD holds as unsaved work', async () => {
    await openProject();
    const thread = await finished(
      'Detached',
      'git checkout -q --detach && echo d > detached.txt && git add detached.txt && git commit -qm detached',
    );
    const head = await tip(thread.worktreePath, 'HEAD');

    const refused = await failure('threads.remove', { threadId: thread.id });
    expect(refused.kind).toBe('unsaved-work');
    expect(refused.message).toContain('detached HEAD');
    expect(refused.details).toMatchObject({ uncommittedFiles: [], detachedCommits: 1 });
    await access(thread.worktreePath);

    const outcome = await call<RemoveOutcome>('threads.remove', { threadId: thread.id, discard: true });
    expect(outcome.backupRef).toMatch(/^refs\/switchyard\/backups\/switchyard\/detached\//);
    expect(await isAncestor(head, outcome.backupRef ?? '')).toBe(true);
    expect(await gitOutput(repo, ['show', `${outcome.backupRef}:detached.txt`])).toBe('d\n');
  });

  it('backs up the detached HEAD, the branch tip and the uncommitted files together', async () => {
    await openProject();
    // One commit on the branch, then a detached HEAD back at the base with its own commit, then a draft.
    const thread = await finished(
      'Wander',
      [
        'echo one > one.txt && git add one.txt && git commit -qm one',
        'git checkout -q --detach HEAD~1',
        'echo two > two.txt && git add two.txt && git commit -qm two',
        'echo draft > draft.txt',
      ].join(' && '),
    );
    const head = await tip(thread.worktreePath, 'HEAD');
    const branchTip = await tip(repo, thread.branch);
    expect(await isAncestor(branchTip, head)).toBe(false);

    const refused = await failure('threads.remove', { threadId: thread.id });
    expect(refused.details).toMatchObject({ uncommittedFiles: ['draft.txt'], unmergedCommits: 2, detachedCommits: 1 });

    const outcome = await call<RemoveOutcome>('threads.remove', { threadId: thread.id, discard: true });
    const backup = outcome.backupRef ?? '';
    expect(backup).not.toBe('');
    expect(await isAncestor(head, backup)).toBe(true);
    expect(await isAncestor(branchTip, backup)).toBe(true);
    expect(await gitOutput(repo, ['show', `${backup}:draft.txt`])).toBe('draft\n');
    expect(await gitOutput(repo, ['show', `${backup}:two.txt`])).toBe('two\n');
    await expect(access(thread.worktreePath)).rejects.toThrow();
    expect((await gitOutput(repo, ['branch', '--list', thread.branch])).trim()).toBe('');
  });

  it('keeps both a clean detached HEAD and a diverged branch tip when discarding', async () => {
    await openProject();
    const thread = await finished(
      'Diverged',
      [
        'echo one > one.txt && git add one.txt && git commit -qm one',
        'git checkout -q --detach HEAD~1',
        'echo two > two.txt && git add two.txt && git commit -qm two',
      ].join(' && '),
    );
    const head = await tip(thread.worktreePath, 'HEAD');
    const branchTip = await tip(repo, thread.branch);
    const outcome = await call<RemoveOutcome>('threads.remove', { threadId: thread.id, discard: true });
    const backup = outcome.backupRef ?? '';
    expect(await isAncestor(head, backup)).toBe(true);
    expect(await isAncestor(branchTip, backup)).toBe(true);
  });

  it('says which ignored files and nested repositories no backup can keep', async () => {
    await writeFiles(repo, { '.gitignore': '*.env\n' });
    await commitAll(repo, 'ignore env files');
    await openProject();
    const identity = '-c user.name=a -c user.email=a@example.invalid';
    const thread = await finished(
      'Nested',
      [
        'echo secret > local.env',
        'echo notes > notes.txt',
        `git init -q nested && echo n > nested/n.txt && git -C nested add n.txt && git -C nested ${identity} commit -qm n`,
        'git init -q raw && echo r > raw/r.txt',
      ].join(' && '),
    );

    const refused = await failure('threads.remove', { threadId: thread.id });
    expect(refused.kind).toBe('unsaved-work');
    expect(refused.details).toMatchObject({ ignoredFiles: ['local.env'], nestedRepositories: ['nested/', 'raw/'] });
    expect(refused.message).toContain('nested/');
    expect(refused.message).toContain('local.env');

    const outcome = await call<RemoveOutcome>('threads.remove', { threadId: thread.id, discard: true });
    expect(outcome).toMatchObject({
      worktreeRemoved: true,
      ignoredFiles: ['local.env'],
      nestedRepositories: ['nested/', 'raw/'],
    });
    expect(await gitOutput(repo, ['show', `${outcome.backupRef}:notes.txt`])).toBe('notes\n');
    await expect(access(thread.worktreePath)).rejects.toThrow();
  });
});

describe('a refused remove', () => {
  it('leaves the agent running: same process, still taking input', async () => {
    await openProject();
    const pidFile = path.join(temp.dir, 'agent.pid');
    const answerFile = path.join(temp.dir, 'answer.txt');
    const thread = await threadRunning(
      'Busy',
      `echo $$ > '${pidFile}'; echo one > one.txt && git add one.txt && git commit -qm one; echo ready; read line; echo "$line" > '${answerFile}'; sleep 30`,
    );
    const pid = Number(
      await waitFor(async () => (await readFile(pidFile, 'utf8').catch(() => '')).trim(), 'the agent pid'),
    );
    await waitFor(
      async () => (await gitOutput(repo, ['rev-list', '--count', `main..${thread.branch}`])).trim() === '1',
      'the commit',
    );

    const refused = await failure('threads.remove', { threadId: thread.id });
    expect(refused.kind).toBe('unsaved-work');
    expect(alive(pid)).toBe(true);
    expect(app.threads.isActive(thread.id)).toBe(true);
    expect(statusOf(thread.id)).not.toBe('stopped');

    expect(await call<{ accepted: boolean }>('terminal.input', { threadId: thread.id, data: 'still here\r' })).toEqual({
      accepted: true,
    });
    expect(await waitFor(async () => readFile(answerFile, 'utf8').catch(() => ''), 'the answer')).toBe('still here\n');
    expect(alive(pid)).toBe(true);

    // Confirmed: now the agent is stopped and the work kept.
    const outcome = await call<RemoveOutcome>('threads.remove', { threadId: thread.id, discard: true });
    expect(outcome.backupRef).not.toBeNull();
    await waitFor(() => !alive(pid), 'the agent to be stopped');
  });
});

describe('creating threads at the same time', () => {
  const sleeper = ['/bin/sh', '-c', 'sleep 30'];

  async function createBoth(branches: [string, string]) {
    const results = await Promise.all(
      branches.map((branch, index) =>
        app.dispatch('threads.create', {
          projectId,
          name: `Race ${index}`,
          branch,
          profileId: 'custom',
          command: sleeper,
        }),
      ),
    );
    const winners = results.flatMap((r) => (r.ok ? [r.value as Thread] : []));
    const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    return { winner: winners[0] as Thread, loser: losers[0] as WireError };
  }

  async function expectIntact(winner: Thread) {
    await access(path.join(winner.worktreePath, 'README.md'));
    expect((await gitOutput(winner.worktreePath, ['branch', '--show-current'])).trim()).toBe(winner.branch);
    expect((await gitOutput(repo, ['branch', '--list', winner.branch])).trim()).not.toBe('');
    const worktrees = await gitOutput(repo, ['worktree', 'list', '--porcelain']);
    expect(worktrees).toContain(`worktree ${winner.worktreePath}\n`);
  }

  it('with the same branch: the winner keeps its worktree and branch, the loser is told why', async () => {
    await openProject();
    for (let round = 0; round < 3; round++) {
      const { winner, loser } = await createBoth([`race-${round}`, `race-${round}`]);
      expect(loser.kind).toBe('branch-exists');
      expect(loser.message).toContain(`race-${round}`);
      await expectIntact(winner);
    }
  });

  it('with two branches that map to one folder: the winner keeps it, the loser creates no branch', async () => {
    await openProject();
    for (let round = 0; round < 3; round++) {
      const { winner, loser } = await createBoth([`race-${round}`, `race/${round}`]);
      expect(loser.kind).toBe('worktree-exists');
      await expectIntact(winner);
      const other = winner.branch === `race-${round}` ? `race/${round}` : `race-${round}`;
      expect((await gitOutput(repo, ['branch', '--list', other])).trim()).toBe('');
    }
  });

  it('a create that loses to a git command run outside Switchyard removes nothing of it', async () => {
    await openProject();
    for (let round = 0; round < 8; round++) {
      const branch = `outside-${round}`;
      const folder = path.join(`${repo}.worktrees`, branch);
      const [created, outside] = await Promise.all([
        app.dispatch('threads.create', {
          projectId,
          name: `Outside ${round}`,
          branch,
          profileId: 'custom',
          command: sleeper,
        }),
        // Started a little later each round, to land at every step of the create.
        new Promise((resolve) => setTimeout(resolve, round * 5)).then(() =>
          runGit(repo, ['worktree', 'add', '-q', '-b', branch, '--', folder, 'main'], {
            okExitCodes: [0, 1, 128, 255],
          }),
        ),
      ]);
      // Whoever made them, a branch and a worktree by that name exist and are intact.
      expect(created.ok || outside.exitCode === 0).toBe(true);
      await access(path.join(folder, 'README.md'));
      expect((await gitOutput(folder, ['branch', '--show-current'])).trim()).toBe(branch);
      if (!created.ok) expect(created.error.kind).toMatch(/branch-exists|worktree-exists/);
    }
  });
});

describe('names and places refused before anything is created', () => {
  async function branchesAndWorktrees() {
    return [await gitOutput(repo, ['branch', '--list']), await gitOutput(repo, ['worktree', 'list', '--porcelain'])];
  }

  it('refuses a base that is a revision expression rather than a branch', async () => {
    await writeFiles(repo, { 'second.txt': '2\n' });
    await commitAll(repo, 'second');
    await openProject();
    const before = await branchesAndWorktrees();
    const base = { projectId, profileId: 'custom', command: ['/bin/true'] };
    for (const baseBranch of ['main@{1}', 'main~1', 'refs/heads/main', 'HEAD', '@{-1}']) {
      const error = await failure('threads.create', { ...base, name: 'x', baseBranch });
      expect(error.kind, baseBranch).toMatch(/invalid-branch-name|base-not-found/);
      expect(error.message, baseBranch).toContain(baseBranch);
    }
    const reflog = await failure('threads.create', { ...base, name: 'x', baseBranch: 'main@{1}' });
    expect(reflog.message).toContain('@{');
    expect(await branchesAndWorktrees()).toEqual(before);
    // The plain name still works.
    const ok = await call<Thread>('threads.create', { ...base, name: 'x', baseBranch: 'main' });
    expect(ok.baseBranch).toBe('main');
  });

  it('refuses branch names with invisible or control characters, and full ref names', async () => {
    await openProject();
    const before = await branchesAndWorktrees();
    const base = { projectId, profileId: 'custom', command: ['/bin/true'] };
    for (const [branch, says] of [
      ['fix\u202Etxt.exe', 'U+202E'],
      ['fix\u200Bzero', 'U+200B'],
      ['fix\u2066isolate', 'U+2066'],
      ['fix\u0085next', 'U+0085'],
    ] as const) {
      const error = await failure('threads.create', { ...base, name: 'x', branch });
      expect(error.kind).toBe('invalid-branch-name');
      expect(error.message).toContain(says);
    }
    const full = await failure('threads.create', { ...base, name: 'x', branch: 'refs/heads/x' });
    expect(full.kind).toBe('invalid-branch-name');
    expect(full.message).toContain('refs/');
    const bidiBase = await failure('threads.create', { ...base, name: 'x', baseBranch: 'ma\u202Ein' });
    expect(bidiBase.kind).toBe('invalid-branch-name');
    expect(bidiBase.message).toContain('U+202E');
    expect(await branchesAndWorktrees()).toEqual(before);
    expect(await gitOutput(repo, ['for-each-ref', 'refs/heads/refs/'])).toBe('');
  });

  it('refuses a worktree folder inside the .git folder', async () => {
    await openProject();
    for (const root of [path.join(repo, '.git', 'worktrees-here'), path.join(repo, '.git')]) {
      const error = await failure('projects.setWorktreeRoot', { projectId, worktreeRoot: root });
      expect(error.kind).toBe('invalid-request');
      expect(error.message).toContain('.git');
    }
    // A root saved before this check existed is refused when a thread is created.
    await app.projects.update(projectId, { worktreeRoot: path.join(repo, '.git', 'old') });
    const error = await failure('threads.create', {
      projectId,
      name: 'x',
      profileId: 'custom',
      command: ['/bin/true'],
    });
    expect(error.message).toContain('.git');
    expect((await gitOutput(repo, ['branch', '--list'])).trim()).toBe('* main');
    // A sibling folder is still fine.
    const fine = await call<{ worktreeRoot: string }>('projects.setWorktreeRoot', {
      projectId,
      worktreeRoot: path.join(temp.dir, 'elsewhere'),
    });
    expect(fine.worktreeRoot).toBe(path.join(temp.dir, 'elsewhere'));
  });
});
