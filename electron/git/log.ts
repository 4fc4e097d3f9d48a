import { gitOutput } from './core';

export interface CommitSummary {
  readonly sha: string;
  readonly subject: string;
}

/** Commits reachable from `head` but not from `base`, newest first. */
export async function commitsBetween(repo: string, base: string, head: string, limit = 500): Promise<CommitSummary[]> {
  const out = await gitOutput(repo, ['log', `--max-count=${limit}`, '--format=%H%x00%s%x00', `${base}..${head}`]);
  const fields = out.split('\0');
  const commits: CommitSummary[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    commits.push({ sha: (fields[i] ?? '').trim(), subject: fields[i + 1] ?? '' });
  }
  return commits.filter((c) => c.sha);
}
