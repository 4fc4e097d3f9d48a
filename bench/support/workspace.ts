import path from 'node:path';
import { makeRepo, makeTempDir } from '../../electron/test-support/temp-repo';
import { onCleanup } from './lifecycle';

/** The Switchyard checkout (bench/run.mjs says where; the bundles themselves live in a temp folder). */
export const repoRoot = path.resolve(process.env.BENCH_REPO_ROOT ?? process.cwd());

/** A temp folder with a real repository (one commit on main) and a data folder; removed at the end. */
export async function makeWorkspace(): Promise<{ repo: string; dataDir: string }> {
  const temp = await makeTempDir('switchyard-bench-');
  onCleanup(() => temp.cleanup());
  const repo = await makeRepo(temp.dir, 'repo');
  return { repo, dataDir: path.join(temp.dir, 'data') };
}
