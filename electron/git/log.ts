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

export interface CommitEntry extends CommitSummary {
  readonly author: string;
  /** ISO 8601 author date. */
  readonly date: string;
}

/** The commits of `base..head`, newest first, with author and date; one more than `limit` tells "there are more". */
export async function commitLog(repo: string, base: string, head: string, limit = 300): Promise<CommitEntry[]> {
  const out = await gitOutput(
    repo,
    ['log', `--max-count=${limit}`, '--format=%H%x00%an%x00%aI%x00%s%x00', `${base}..${head}`],
    {
      env: { GIT_OPTIONAL_LOCKS: '0' },
    },
  );
  const fields = out.split('\0');
  const commits: CommitEntry[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const sha = (fields[i] ?? '').trim();
    if (sha)
      commits.push({ sha, author: fields[i + 1] ?? '', date: fields[i + 2] ?? '', subject: fields[i + 3] ?? '' });
  }
  return commits;
}
