import { gitOutput } from './core';

/** Subjects of the commits in `to` that `from` lacks, oldest first (for a squash commit's message). */
export async function commitSubjects(repo: string, from: string, to: string): Promise<string[]> {
  const out = await gitOutput(repo, ['log', '--reverse', '--no-merges', '--format=%s', `${from}..${to}`]);
  return out.split('\n').filter(Boolean);
}
