import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitOutput, runGit } from '../git/core';
import { pendingOperations } from '../git/operation-state';
import { makeTempDir } from '../test-support/temp-repo';
import { ensureIntegrationWorktree } from './integration-worktree';
import { landBranches } from './land-branches';
import { LandingJournalFile } from './landing-journal';
import { withLandingLock } from './landing-lock';
import { recoverLanding } from './recover-landing';
import { type BranchSpec, makeQueueRepo, rev } from '../test-support/merge-queue';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

const branches: BranchSpec[] = [
  { name: 'title', files: { 'README.md': '# Title A\n\nSold here.\n' } },
  { name: 'clash', files: { 'README.md': '# Title B\n\nSold here.\n' } },
  { name: 'docs', files: { 'docs/guide.md': 'Guide\n' } },
];

/** The state a crash leaves: the integration worktree mid-operation and a journal saying which entry. */
async function crashMidEntry(repo: string, operation: 'merge' | 'rebase') {
  const main = await rev(repo, 'main');
  const worktree = await ensureIntegrationWorktree(repo, `${repo}.worktrees`, 'main', main);
  await runGit(worktree, ['merge', '--quiet', '--no-ff', '--no-edit', 'title']);
  const pre = await rev(worktree, 'HEAD');
  if (operation === 'merge') {
    await runGit(worktree, ['merge', '--no-ff', '--no-edit', 'clash'], { okExitCodes: [1] });
  } else {
    await runGit(worktree, ['checkout', '--quiet', '--detach', 'clash']);
    await runGit(worktree, ['rebase', pre], { okExitCodes: [1] });
  }
  expect(await pendingOperations(worktree)).toEqual([operation]);
  const journal = await LandingJournalFile.of(repo, 'main');
  await journal.write({
    target: 'main',
    worktree,
    before: main,
    pre: main,
    branch: 'clash',
    step: 'applying',
    candidate: null,
  });
  return { worktree, main, journal };
}

describe('recovering an interrupted landing', () => {
  for (const operation of ['merge', 'rebase'] as const) {
    it(`aborts an unfinished ${operation} in the integration worktree and restores the pre-entry state`, async () => {
      const repo = await makeQueueRepo(temp.dir, branches);
      const clashTip = await rev(repo, 'clash');
      const { worktree, main, journal } = await crashMidEntry(repo, operation);

      const message = (await withLandingLock(repo, 'main', () => recoverLanding(repo, 'main')))?.message;
      expect(message).toContain(
        `Landing clash into main was interrupted while applying (an unfinished ${operation} was aborted)`,
      );
      expect(message).toContain('clash is untouched');
      expect(await pendingOperations(worktree)).toEqual([]);
      expect(await rev(worktree, 'HEAD')).toBe(main);
      expect(await gitOutput(worktree, ['status', '--porcelain'])).toBe('');
      expect(await rev(repo, 'main')).toBe(main);
      expect(await rev(repo, 'clash')).toBe(clashTip);
      expect(await journal.read()).toBeNull();
      // Nothing more to do the second time.
      expect(await withLandingLock(repo, 'main', () => recoverLanding(repo, 'main'))).toBeNull();
    });
  }

  it('the next landing recovers first and says so, then lands normally', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    await crashMidEntry(repo, 'merge');
    const outcome = await landBranches({
      repo,
      target: 'main',
      entries: [{ branch: 'docs' }],
      mode: 'merge',
      verify: null,
      worktreeRoot: `${repo}.worktrees`,
      changelog: null,
    });
    expect(outcome.recovered).toContain('was interrupted');
    expect(outcome.landed).toEqual(['docs']);
    expect(await rev(repo, 'main')).toBe(outcome.after);
  });

  it('recognises an entry that had already landed when the crash came', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const main = await rev(repo, 'main');
    const worktree = await ensureIntegrationWorktree(repo, `${repo}.worktrees`, 'main', main);
    await runGit(repo, ['merge', '--quiet', '--no-ff', '--no-edit', 'docs']);
    const landed = await rev(repo, 'main');
    const journal = await LandingJournalFile.of(repo, 'main');
    await journal.write({
      target: 'main',
      worktree,
      before: main,
      pre: main,
      branch: 'docs',
      step: 'publishing',
      candidate: landed,
    });
    const recovery = await withLandingLock(repo, 'main', () => recoverLanding(repo, 'main'));
    expect(recovery?.message).toContain('interrupted just after it landed');
    expect(recovery?.landed).toEqual([{ branch: 'docs', commit: landed }]);
    expect(await rev(worktree, 'HEAD')).toBe(landed);
  });

  it('a run that fails after an entry landed leaves its fragments journalled; recovery gathers them', async () => {
    const repo = await makeQueueRepo(temp.dir, [
      { name: 'docs', files: { 'docs/guide.md': 'Guide\n', '.changes/docs.md': '- A guide\n' } },
      { name: 'title', files: { 'README.md': '# Title A\n\nSold here.\n', '.changes/title.md': '- A title\n' } },
    ]);
    const changelog = { file: 'CHANGELOG.md', heading: '## Unreleased' };
    // Someone moves main while the second entry is about to be published: the run stops there.
    const landing = landBranches({
      repo,
      target: 'main',
      entries: [{ branch: 'docs' }, { branch: 'title' }],
      mode: 'merge',
      verify: null,
      worktreeRoot: `${repo}.worktrees`,
      changelog,
      afterJournal: async (j) => {
        if (j.branch === 'title' && j.step === 'publishing') {
          await runGit(repo, ['commit', '--quiet', '--allow-empty', '-m', 'someone else']);
        }
      },
    });
    await expect(landing).rejects.toThrow(/main moved while landing/);
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', '.changes/'])).toBe('.changes/docs.md\n');
    const journal = await (await LandingJournalFile.of(repo, 'main')).read();
    expect(journal).toMatchObject({ step: 'changelog', landed: [{ branch: 'docs', fragments: ['.changes/docs.md'] }] });

    const recovery = await withLandingLock(repo, 'main', () => recoverLanding(repo, 'main'));
    expect(recovery?.message).toContain('interrupted before its changelog fragments were gathered');
    expect(recovery?.landed.map((e) => e.branch)).toEqual(['docs']);
    expect(recovery?.changelogCommit).toBe(await rev(repo, 'main'));
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', '.changes/'])).toBe('');
    expect(await gitOutput(repo, ['show', 'main:CHANGELOG.md'])).toContain('- A guide');
    // Gathering again finds nothing left to gather.
    expect(await withLandingLock(repo, 'main', () => recoverLanding(repo, 'main'))).toBeNull();
  });

  it('writes the journal before every step', async () => {
    const repo = await makeQueueRepo(temp.dir, branches);
    const steps: string[] = [];
    await landBranches({
      repo,
      target: 'main',
      entries: [{ branch: 'docs' }, { branch: 'title' }],
      mode: 'merge',
      verify: ['git', 'status', '--short'],
      worktreeRoot: `${repo}.worktrees`,
      changelog: null,
      afterJournal: async (j) => {
        steps.push(`${j.branch}:${j.step}`);
        // Every journal names the commit the target was at before its entry.
        expect(j.pre).toBe(await rev(repo, 'main'));
      },
    });
    expect(steps).toEqual([
      'docs:applying',
      'docs:verifying',
      'docs:publishing',
      'title:applying',
      'title:verifying',
      'title:publishing',
    ]);
  });
});
