import path from 'node:path';
import { gitOutput, runGit } from '../git/core';
import { commitAll, makeRepo, writeFiles } from './temp-repo';

export interface BranchSpec {
  readonly name: string;
  /** Files written (relative path → content) in one commit on the branch. */
  readonly files: Record<string, string>;
  readonly from?: string;
}

/** The base every queue test starts from: a few files on `main`, with lines to edit apart. */
export const baseFiles: Record<string, string> = {
  'README.md': '# Shop\n\nSold here.\n',
  'src/a.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n',
  'src/b.txt': 'alpha\nbeta\ngamma\n',
  'CHANGELOG.md': '# Changelog\n\n## Unreleased\n\n## 1.0.0\n\n- First release\n',
};

/** A real repository on `main` plus one branch per spec, each made in a scratch worktree. */
export async function makeQueueRepo(parent: string, branches: readonly BranchSpec[]): Promise<string> {
  const repo = await makeRepo(parent, 'repo', baseFiles);
  for (const spec of branches) await addBranch(repo, spec);
  return repo;
}

/** Adds one commit with `spec.files` on a new branch (from main unless said), without touching the checkout. */
export async function addBranch(repo: string, spec: BranchSpec): Promise<string> {
  const scratch = path.join(path.dirname(repo), `wt-${spec.name.replace(/\//g, '-')}`);
  await runGit(repo, ['worktree', 'add', '--quiet', '-b', spec.name, scratch, spec.from ?? 'main']);
  await writeFiles(scratch, spec.files);
  const sha = await commitAll(scratch, `Change on ${spec.name}`);
  await runGit(repo, ['worktree', 'remove', '--force', scratch]);
  return sha;
}

/** Commits `files` on an existing branch (it must not be checked out anywhere). */
export async function commitOnBranch(repo: string, branch: string, files: Record<string, string>): Promise<string> {
  const scratch = path.join(path.dirname(repo), `wt-more-${branch.replace(/\//g, '-')}-${Date.now()}`);
  await runGit(repo, ['worktree', 'add', '--quiet', scratch, branch]);
  await writeFiles(scratch, files);
  const sha = await commitAll(scratch, `More on ${branch}`);
  await runGit(repo, ['worktree', 'remove', '--force', scratch]);
  return sha;
}

/** Lines 1–10 of src/a.txt with line `n` replaced: edits far apart merge cleanly, the same line conflicts. */
export function aWithLine(n: number, text: string): string {
  const lines = baseFiles['src/a.txt']!.split('\n');
  lines[n - 1] = text;
  return lines.join('\n');
}

export async function rev(repo: string, ref: string): Promise<string> {
  return (await gitOutput(repo, ['rev-parse', ref])).trim();
}

export async function parentsOf(repo: string, ref: string): Promise<string[]> {
  return (await gitOutput(repo, ['rev-list', '--parents', '-n', '1', ref])).trim().split(' ').slice(1);
}
