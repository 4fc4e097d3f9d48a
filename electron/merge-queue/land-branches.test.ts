import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitOutput, runGit } from '../git/core';
import { withoutIdentity } from '../test-support/no-identity';
import { makeTempDir } from '../test-support/temp-repo';
import { type LandRequest, landBranches } from './land-branches';
import { pendingLandingRef } from './target-name';
import { aWithLine, type BranchSpec, makeQueueRepo, parentsOf, rev } from '../test-support/merge-queue';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

const threeBranches: BranchSpec[] = [
  { name: 'top', files: { 'src/a.txt': aWithLine(1, 'ONE'), '.changes/top.md': '- Top line capitalised\n' } },
  { name: 'title', files: { 'README.md': '# Title A\n\nSold here.\n', '.changes/title.md': '- New title\n' } },
  { name: 'clash', files: { 'README.md': '# Title B\n\nSold here.\n' } },
  { name: 'bottom', files: { 'src/a.txt': aWithLine(10, 'TEN'), '.changes/bottom.md': '- Bottom line\n' } },
];

function request(repo: string, branches: string[], extra: Partial<LandRequest> = {}): LandRequest {
  return {
    repo,
    target: 'main',
    entries: branches.map((branch) => ({ branch })),
    mode: 'merge',
    verify: null,
    worktreeRoot: `${repo}.worktrees`,
    changelog: null,
    ...extra,
  };
}

async function branchTips(repo: string, names: string[]) {
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await rev(repo, n)])));
}

describe('landing branches in order', () => {
  it('stops with the words to set an author identity when git has none; main stays where it was', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    // main moves on, so a rebase has commits to replay (and to sign).
    await writeFile(path.join(repo, 'src/b.txt'), 'alpha\nbeta\nGAMMA\n');
    await runGit(repo, ['commit', '--quiet', '-am', 'Shout gamma']);
    const before = await rev(repo, 'main');
    const restore = await withoutIdentity(repo, path.join(temp.dir, 'home'));
    try {
      for (const mode of ['merge', 'squash', 'rebase'] as const) {
        await expect(landBranches(request(repo, ['top'], { mode }))).rejects.toMatchObject({
          kind: 'identity-missing',
          message: expect.stringMatching(/^Could not land top into main: git has no author identity to commit with/),
        });
      }
    } finally {
      restore();
    }
    expect(await rev(repo, 'main')).toBe(before);
  });

  it('merges each with a merge commit, fast-forwards the clean main checkout, and leaves branches alone', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const tips = await branchTips(repo, ['top', 'title', 'bottom']);
    const before = await rev(repo, 'main');
    const outcome = await landBranches(request(repo, ['top', 'title', 'bottom'], { verify: ['git', 'status'] }));
    expect(outcome).toMatchObject({ target: 'main', before, landed: ['top', 'title', 'bottom'], stopped: null });
    expect(outcome.after).toBe(await rev(repo, 'main'));
    expect(await parentsOf(repo, 'main')).toEqual([expect.any(String), tips.bottom]);
    expect(await gitOutput(repo, ['log', '--merges', '--format=%s', 'main'])).toBe(
      "Merge branch 'bottom' into main\nMerge branch 'title' into main\nMerge branch 'top' into main\n",
    );
    expect(await branchTips(repo, ['top', 'title', 'bottom'])).toEqual(tips);
    // The user's checkout has main: it moved with it, files included, and is clean.
    expect(await readFile(path.join(repo, 'src/a.txt'), 'utf8')).toBe(aWithLine(10, 'TEN').replace('one', 'ONE'));
    expect(await gitOutput(repo, ['status', '--porcelain'])).toBe('');
    // The landing happened in Switchyard's own worktree, detached at the result.
    const worktrees = await gitOutput(repo, ['worktree', 'list', '--porcelain']);
    expect(worktrees).toContain(path.join(`${repo}.worktrees`, '.switchyard-integration-main'));
  });

  it('stops at a conflict mid-queue: target at its previous commit, the branch intact, nothing left behind', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const clashTip = await rev(repo, 'clash');
    const outcome = await landBranches(request(repo, ['title', 'clash', 'bottom']));
    expect(outcome.landed).toEqual(['title']);
    expect(outcome.stopped).toMatchObject({ branch: 'clash', reason: 'conflict', files: ['README.md'] });
    const afterTitle = await rev(repo, 'main');
    expect(outcome.after).toBe(afterTitle);
    expect(await parentsOf(repo, 'main')).toContain(await rev(repo, 'title'));
    expect(await rev(repo, 'clash')).toBe(clashTip);
    const integration = path.join(`${repo}.worktrees`, '.switchyard-integration-main');
    expect(await gitOutput(integration, ['status', '--porcelain'])).toBe('');
    expect(await rev(integration, 'HEAD')).toBe(afterTitle);
    // bottom was never attempted
    expect(await gitOutput(repo, ['branch', '--contains', await rev(repo, 'bottom')])).not.toContain('main');
  });

  it('stops at a failing check mid-queue with its output, the target at its commit before that entry', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const before = await rev(repo, 'main');
    // Fails once README.md has a new title: i.e. on the second entry.
    const check = [
      'node',
      '-e',
      "const t=require('fs').readFileSync('README.md','utf8'); if (t.includes('Title A')) { console.error('README check failed: ' + t.split('\\n')[0]); process.exit(3) } console.log('ok')",
    ];
    const chunks: string[] = [];
    const outcome = await landBranches(
      request(repo, ['top', 'title', 'bottom'], { verify: check, onOutput: (_b, chunk) => chunks.push(chunk) }),
    );
    expect(outcome.landed).toEqual(['top']);
    expect(outcome.stopped).toMatchObject({ branch: 'title', reason: 'verify-failed', exitCode: 3 });
    expect(outcome.stopped?.files).toEqual(['.changes/title.md', 'README.md']);
    expect(outcome.stopped?.output).toContain('README check failed: # Title A');
    expect(chunks.join('')).toContain('ok');
    expect(await rev(repo, 'main')).toBe(outcome.after);
    expect(await parentsOf(repo, 'main')).toEqual([before, await rev(repo, 'top')]);
    expect(await readFile(path.join(repo, 'README.md'), 'utf8')).toBe('# Shop\n\nSold here.\n');
  });

  it('squash mode: one single-parent commit per entry with the branch commits listed', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const before = await rev(repo, 'main');
    const outcome = await landBranches(request(repo, ['top', 'bottom'], { mode: 'squash' }));
    expect(outcome.landed).toEqual(['top', 'bottom']);
    expect(await gitOutput(repo, ['rev-list', '--count', `${before}..main`])).toBe('2\n');
    expect((await parentsOf(repo, 'main')).length).toBe(1);
    expect(await gitOutput(repo, ['log', '-1', '--format=%B', 'main'])).toContain('* Change on bottom');
    expect(await gitOutput(repo, ['show', 'main:src/a.txt'])).toContain('ONE');
  });

  it('rebase mode: the commits replayed on top, linear history, the thread branch not moved', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const bottomTip = await rev(repo, 'bottom');
    const outcome = await landBranches(request(repo, ['top', 'bottom'], { mode: 'rebase' }));
    expect(outcome.landed).toEqual(['top', 'bottom']);
    expect(await gitOutput(repo, ['rev-list', '--merges', '--count', 'main'])).toBe('0\n');
    expect(await gitOutput(repo, ['log', '--format=%s', '-2', 'main'])).toBe('Change on bottom\nChange on top\n');
    expect(await rev(repo, 'bottom')).toBe(bottomTip);
    // A conflicting entry in rebase mode stops just the same, aborting the rebase.
    const clash = await landBranches(request(repo, ['title', 'clash'], { mode: 'rebase' }));
    expect(clash.stopped).toMatchObject({ branch: 'clash', reason: 'conflict', files: ['README.md'] });
    const integration = path.join(`${repo}.worktrees`, '.switchyard-integration-main');
    expect(await gitOutput(integration, ['status', '--porcelain'])).toBe('');
  });

  it('gathers changelog fragments in landing order into the changelog and removes them, in one commit', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const outcome = await landBranches(
      request(repo, ['bottom', 'top', 'title'], { changelog: { file: 'CHANGELOG.md', heading: '## Unreleased' } }),
    );
    expect(outcome.changelogCommit).toBe(await rev(repo, 'main'));
    expect(await gitOutput(repo, ['show', 'main:CHANGELOG.md'])).toBe(
      '# Changelog\n\n## Unreleased\n\n- Bottom line\n- Top line capitalised\n- New title\n\n## 1.0.0\n\n- First release\n',
    );
    expect(await gitOutput(repo, ['ls-tree', '--name-only', 'main', '.changes/'])).toBe('');
    expect(await gitOutput(repo, ['show', '--stat', '--format=%s', 'main'])).toContain('Gather changelog fragments');
  });

  it('lands into a new integration branch made from the base, leaving the base alone', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const main = await rev(repo, 'main');
    const outcome = await landBranches(request(repo, ['top'], { target: 'integration/q3', createFrom: 'main' }));
    expect(outcome.landed).toEqual(['top']);
    expect(await rev(repo, 'main')).toBe(main);
    expect(await parentsOf(repo, 'integration/q3')).toEqual([main, await rev(repo, 'top')]);
  });

  it('keeps a landing aside when main is checked out with uncommitted changes, and says what to run', async () => {
    const repo = await makeQueueRepo(temp.dir, threeBranches);
    const main = await rev(repo, 'main');
    await writeFile(path.join(repo, 'src/b.txt'), 'alpha\nbeta\ngamma\nlocal edit\n');
    const outcome = await landBranches(request(repo, ['top']));
    expect(await rev(repo, 'main')).toBe(main);
    expect(outcome.checkoutNotice).toContain(
      `the target branch main is checked out in ${repo} with uncommitted changes`,
    );
    expect(outcome.checkoutNotice).toContain(
      `run \`git -C ${repo} merge --ff-only ${outcome.after}\` when it is clean`,
    );
    expect(await rev(repo, pendingLandingRef('main'))).toBe(outcome.after);
    // The next landing builds on the kept landing; once clean, main catches up with both.
    const next = await landBranches(request(repo, ['bottom']));
    expect(await parentsOf(repo, next.after)).toContain(outcome.after);
    await runGit(repo, ['checkout', '--', 'src/b.txt']);
    const last = await landBranches(request(repo, ['title']));
    expect(last.checkoutNotice).toBeNull();
    expect(await rev(repo, 'main')).toBe(last.after);
    expect(await gitOutput(repo, ['merge-base', '--is-ancestor', outcome.after, 'main']).then(() => true)).toBe(true);
  });
});
