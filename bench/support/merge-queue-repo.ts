import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../../electron/git/core';
import { commitAll, makeRepo, makeTempDir } from '../../electron/test-support/temp-repo';
import { onCleanup } from './lifecycle';

export interface QueueBenchRepo {
  readonly repo: string;
  readonly root: string;
  /** Ten branches off main; some pairs edit the same lines (conflicts), some the same files far apart. */
  readonly matrixBranches: string[];
  /** Ten more with the same shape but no conflicting pair, for landing all of them. */
  readonly landingBranches: string[];
  readonly files: number;
}

const lines = (tag: string) => Array.from({ length: 40 }, (_, i) => `${tag} line ${i + 1}`).join('\n') + '\n';

/**
 * A repository the size of a modest project (`fileCount` files in nested folders) with ten thread
 * branches off one base. Branch i edits its own files, a shared file near its own lines, and — for
 * the matrix set — pairs (0,1), (2,3) and (4,5) rewrite the same line of a shared config file.
 */
export async function makeQueueBenchRepo(fileCount: number): Promise<QueueBenchRepo> {
  const temp = await makeTempDir('switchyard-bench-queue-');
  onCleanup(() => temp.cleanup());
  const files: Record<string, string> = {};
  for (let i = 0; i < fileCount; i++) files[`src/module-${i % 40}/file-${i}.ts`] = lines(`file ${i}`);
  for (let k = 0; k < 3; k++) files[`config/shared-${k}.txt`] = lines(`config ${k}`);
  files['src/index.ts'] = lines('index');
  const repo = await makeRepo(temp.dir, 'repo', { 'README.md': '# Bench\n' });
  // Written in bulk, committed once.
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), content);
  }
  await commitAll(repo, 'Base of the benchmark project');

  const scratch = path.join(temp.dir, 'scratch');
  await runGit(repo, ['worktree', 'add', '--quiet', '--detach', scratch, 'main']);
  const make = async (prefix: string, conflicting: boolean) => {
    const names: string[] = [];
    for (let i = 0; i < 10; i++) {
      const name = `${prefix}/thread-${i}`;
      await runGit(scratch, ['checkout', '--quiet', '--force', '-B', name, 'main']);
      const edit = async (file: string, line: number, text: string) => {
        const target = path.join(scratch, file);
        const { readFile } = await import('node:fs/promises');
        const content = (await readFile(target, 'utf8')).split('\n');
        content[line] = text;
        await writeFile(target, content.join('\n'));
      };
      await edit(`src/module-${i}/file-${i}.ts`, 3, `thread ${i} was here`);
      await mkdir(path.join(scratch, `src/feature-${i}`), { recursive: true });
      await writeFile(path.join(scratch, `src/feature-${i}/index.ts`), lines(`feature ${i}`));
      // Every branch touches index.ts, on lines of its own: clean, but an overlap worth seeing.
      await edit('src/index.ts', i * 4, `export * from './feature-${i}';`);
      if (conflicting && i < 6) await edit(`config/shared-${Math.floor(i / 2)}.txt`, 0, `config chosen by thread ${i}`);
      await commitAll(scratch, `Thread ${i}`);
      names.push(name);
    }
    return names;
  };
  const matrixBranches = await make('switchyard', true);
  const landingBranches = await make('landing', false);
  await runGit(repo, ['worktree', 'remove', '--force', scratch]);
  return { repo, root: temp.dir, matrixBranches, landingBranches, files: fileCount + 5 };
}
