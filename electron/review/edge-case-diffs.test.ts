import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import type { FileDiff, ReviewFile, ReviewSummary } from '../../shared/review';
import { git } from '../test-support/demo-agent';
import { commitAll, makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { createShellThread, prepareDist, type ReviewTestApp, startReviewApp } from '../test-support/review';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let t: ReviewTestApp;
let thread: Thread;
let summary: ReviewSummary;
let worktree: string;

const longLine = 'x'.repeat(10_000);
const bigText = Array.from({ length: 80_000 }, (_, i) => `line ${i} of a five megabyte file ${'.'.repeat(40)}`).join(
  '\n',
);

function file(section: string, filePath: string): ReviewFile {
  const found = summary.files.find((f) => f.section === section && f.path === filePath);
  if (!found) throw new Error(`${section}:${filePath} not listed; got ${summary.files.map((f) => f.id).join(', ')}`);
  return found;
}

function fileDiff(section: string, filePath: string, full = false): Promise<FileDiff> {
  return t.call<FileDiff>('review.file', { threadId: thread.id, section, path: filePath, full });
}

beforeAll(async () => {
  temp = await makeTempDir('review-edges-');
  const dist = path.join(temp.dir, 'dist');
  await prepareDist(dist);
  // A submodule needs a repository to point at.
  const library = await makeRepo(temp.dir, 'library', { 'lib.txt': 'v1\n' });
  const repo = await makeRepo(temp.dir, 'repo', {
    'README.md': '# Test\n',
    'rename-me.txt': 'a file that is renamed\nwith enough lines\nto be recognised\nas the same file\n',
    'copy-source.txt': 'copied content line one\ncopied content line two\ncopied content line three\n',
    'delete-me.txt': 'going away\n',
    'run.sh': '#!/bin/sh\necho hi\n',
    'crlf.txt': 'one\r\ntwo\r\n',
    'image.bin': Buffer.from([0, 1, 2, 3, 0, 5]).toString('latin1'),
  });
  await git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', library, 'vendor/library']);
  await commitAll(repo, 'add submodule');
  t = await startReviewApp(path.join(temp.dir, 'data'), dist);
  const project = await t.call<{ id: string }>('projects.open', { path: repo });
  thread = await createShellThread(t, project.id, 'Edge cases');
  worktree = thread.worktreePath;
  await waitFor(() => t.app.state.thread(thread.id).status === 'done', 'the thread to finish');

  // Committed on the branch: every kind of change.
  await git(worktree, ['mv', 'rename-me.txt', 'renamed.txt']);
  await writeFile(
    path.join(worktree, 'copy-of-source.txt'),
    'copied content line one\ncopied content line two\ncopied content line three\n',
  );
  await writeFile(
    path.join(worktree, 'copy-source.txt'),
    'copied content line one\ncopied content line two\nchanged\n',
  );
  await rm(path.join(worktree, 'delete-me.txt'));
  await chmod(path.join(worktree, 'run.sh'), 0o755);
  await writeFile(path.join(worktree, 'image.bin'), Buffer.from([0, 1, 2, 3, 0, 5, 6, 7, 8]));
  await writeFile(path.join(worktree, 'crlf.txt'), 'one\r\ntwo changed\r\n');
  await writeFile(path.join(worktree, 'name with spaces.txt'), 'spaces\n');
  await writeFile(path.join(worktree, 'naïve-日本.txt'), 'non-ascii\n');
  await writeFile(path.join(worktree, 'long-line.txt'), `${longLine}\nshort\n`);
  await writeFile(path.join(worktree, 'big.txt'), `${bigText}\n`);
  // The submodule is not checked out in the worktree: move its recorded commit directly.
  await writeFile(path.join(library, 'lib.txt'), 'v2\n');
  const libraryTip = await commitAll(library, 'v2');
  await git(worktree, ['update-index', '--cacheinfo', `160000,${libraryTip},vendor/library`]);
  await commitAll(worktree, 'every kind of change');

  // Not committed: one staged, one unstaged, one untracked.
  await writeFile(path.join(worktree, 'README.md'), '# Test\n\nstaged line\n');
  await git(worktree, ['add', 'README.md']);
  await writeFile(path.join(worktree, 'README.md'), '# Test\n\nstaged line\nunstaged line\n');
  await mkdir(path.join(worktree, 'new folder'), { recursive: true });
  await writeFile(path.join(worktree, 'new folder/untracked file.txt'), 'u1\nu2\nu3');

  summary = await t.call<ReviewSummary>('review.summary', { threadId: thread.id });
}, 120_000);

afterAll(async () => {
  await t.app.shutdown();
  await temp.cleanup();
});

describe('the review summary on a real repository', () => {
  it('lists commits and keeps committed, staged, unstaged and untracked changes apart', () => {
    expect(summary.commits.map((c) => c.subject)).toEqual(['every kind of change']);
    expect(summary.ahead).toBe(1);
    expect(summary.behind).toBe(0);
    expect(file('staged', 'README.md')).toMatchObject({ added: 2, removed: 0 });
    expect(file('unstaged', 'README.md')).toMatchObject({ added: 1, removed: 0 });
    expect(file('untracked', 'new folder/untracked file.txt')).toMatchObject({ added: 3, kind: 'added' });
    expect(summary.files.filter((f) => f.section === 'committed').every((f) => f.id.startsWith('committed:'))).toBe(
      true,
    );
  });

  it('recognises renames, copies, deletions, mode changes, binaries and submodules', () => {
    expect(file('committed', 'renamed.txt')).toMatchObject({ kind: 'renamed', oldPath: 'rename-me.txt' });
    expect(file('committed', 'copy-of-source.txt')).toMatchObject({ kind: 'copied', oldPath: 'copy-source.txt' });
    expect(file('committed', 'delete-me.txt')).toMatchObject({ kind: 'deleted', removed: 1 });
    expect(file('committed', 'run.sh')).toMatchObject({ oldMode: '100644', newMode: '100755', added: 0 });
    expect(file('committed', 'image.bin')).toMatchObject({ binary: true });
    expect(file('committed', 'vendor/library')).toMatchObject({ submodule: true, oldMode: '160000' });
  });

  it('keeps names with spaces and non-ASCII characters exactly', async () => {
    expect(file('committed', 'name with spaces.txt').added).toBe(1);
    expect(file('committed', 'naïve-日本.txt').added).toBe(1);
    const diff = await fileDiff('committed', 'naïve-日本.txt');
    expect(diff.patch).toContain('+++ b/naïve-日本.txt');
    expect(diff.patch).toContain('+non-ascii');
  });
});

describe('one file at a time', () => {
  it('says a binary file is binary and gives both sizes', async () => {
    const diff = await fileDiff('committed', 'image.bin');
    expect(diff).toMatchObject({ binary: true, oldSize: 6, newSize: 9 });
  });

  it('shows a rename with its old name and a submodule as its pointer move', async () => {
    const renamed = await fileDiff('committed', 'renamed.txt');
    expect(renamed.patch).toContain('rename from rename-me.txt');
    expect(renamed.patch).toContain('rename to renamed.txt');
    const submodule = await fileDiff('committed', 'vendor/library');
    expect(submodule.patch).toMatch(/-Subproject commit [0-9a-f]{40}\n\+Subproject commit [0-9a-f]{40}/);
  });

  it('flags CRLF line endings and keeps the carriage returns in the patch', async () => {
    const diff = await fileDiff('committed', 'crlf.txt');
    expect(diff.crlf).toBe(true);
    expect(diff.patch).toContain('+two changed\r\n');
  });

  it('cuts very long lines unless asked for the whole file', async () => {
    const capped = await fileDiff('committed', 'long-line.txt');
    expect(capped.longLinesCut).toBe(1);
    expect(capped.patch).not.toContain(longLine);
    expect(capped.patch).toContain('more characters]');
    const full = await fileDiff('committed', 'long-line.txt', true);
    expect(full.longLinesCut).toBe(0);
    expect(full.patch).toContain(longLine);
  });

  it('sends a 5 MB file capped to 256 KB, as a valid diff, and in full only when asked', async () => {
    const capped = await fileDiff('committed', 'big.txt');
    expect(capped.truncated).toBe(true);
    expect(capped.totalBytes).toBeGreaterThan(5_000_000);
    expect(capped.patch.length).toBeLessThanOrEqual(256 * 1024);
    const header = /^@@ -0,0 \+1,(\d+) @@/m.exec(capped.patch);
    const added = capped.patch.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    expect(Number(header?.[1])).toBe(added);
    expect(capped.newSize).toBe(Buffer.byteLength(`${bigText}\n`));
    const full = await fileDiff('committed', 'big.txt', true);
    expect(full.truncated).toBe(false);
    expect(full.patch.length).toBeGreaterThan(5_000_000);
  });

  it('shows staged, unstaged and untracked diffs of the same worktree separately', async () => {
    const staged = await fileDiff('staged', 'README.md');
    expect(staged.patch).toContain('+staged line');
    expect(staged.patch).not.toContain('unstaged line');
    const unstaged = await fileDiff('unstaged', 'README.md');
    expect(unstaged.patch).toContain('+unstaged line');
    expect(unstaged.patch).not.toContain('+staged line');
    const untracked = await fileDiff('untracked', 'new folder/untracked file.txt');
    expect(untracked.patch).toContain('+u3');
    expect(untracked.patch).toContain('new file mode');
  });
});
