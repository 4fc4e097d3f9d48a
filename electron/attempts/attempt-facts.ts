import type { Attempt, AttemptGroup } from '../../shared/attempts';
import type { VerificationView } from '../../shared/contract/review';
import type { Thread } from '../../shared/models';
import type { ReviewSummary } from '../../shared/review';
import type { ThreadUsage } from '../../shared/usage';
import { changelogPathFor } from '../briefs/changelog-path';
import { defaultChangelogPath } from '../../shared/brief';
import { numstatChanges } from '../git/diff-files';
import { mergeBase, tryRevParse } from '../git/refs';
import { checkAgainstBrief } from '../review/brief-checks';
import { attemptThreadName } from './create-attempts';

/** What the compare view shows of one attempt, before scoring. */
export interface AttemptFacts {
  readonly status: string | null;
  readonly threadName: string | null;
  readonly profileId: string;
  readonly files: number | null;
  readonly added: number | null;
  readonly removed: number | null;
  readonly outsideOwned: string[];
  readonly forbidden: string[];
  readonly hazards: string[];
  readonly checks: Array<{
    command: string;
    state: VerificationView['runs'][number]['state'] | null;
    exitCode: number | null;
  }>;
  readonly verified: boolean | null;
  readonly tokens: number | null;
  readonly costUsd: number | null;
  readonly elapsedMs: number | null;
}

/** What a live attempt's figures come from: the review's own summary and verification runs. */
export interface ReviewReader {
  summary(threadId: string): Promise<ReviewSummary>;
  verificationView(threadId: string): Promise<VerificationView>;
}

const finished = new Set(['done', 'failed', 'stopped']);

/** Usage as the thread records it (lane C2's `Thread.usage`), or null where it is not there. */
function usageOf(thread: Thread): ThreadUsage | null {
  return (thread as Thread & { usage?: ThreadUsage | null }).usage ?? null;
}

/** Each verification command's latest result on the current commit; verified when all passed. */
export function latestChecks(view: VerificationView): Pick<AttemptFacts, 'checks' | 'verified'> {
  const checks = view.commands.map((command, index) => {
    const run = view.runs
      .filter((r) => r.commandIndex === index && r.command === command && !r.stale)
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
      .at(-1);
    return { command, state: run?.state ?? null, exitCode: run?.exitCode ?? null };
  });
  const verified =
    checks.length === 0
      ? null
      : checks.some((c) => c.state === 'failed' || c.state === 'error')
        ? false
        : checks.every((c) => c.state === 'passed')
          ? true
          : null;
  return { checks, verified };
}

function elapsed(attempt: Attempt, thread: Thread | null): number | null {
  const start = Date.parse(attempt.startedAt);
  if (attempt.finishedAt) return Date.parse(attempt.finishedAt) - start;
  if (thread && !finished.has(thread.status)) return Date.now() - start;
  return null;
}

/** A live attempt: its thread's review summary (merge-base..tip plus uncommitted) and verification runs. */
export async function factsOfThread(review: ReviewReader, attempt: Attempt, thread: Thread): Promise<AttemptFacts> {
  const [summary, view] = await Promise.all([
    thread.worktreeMissing ? null : review.summary(thread.id).catch(() => null),
    review.verificationView(thread.id),
  ]);
  const usage = usageOf(thread);
  return {
    status: thread.status,
    threadName: thread.name,
    profileId: thread.profileId,
    files: summary?.stat.files ?? null,
    added: summary?.stat.added ?? null,
    removed: summary?.stat.removed ?? null,
    outsideOwned: summary?.checks.outsideOwned ?? [],
    forbidden: summary?.checks.forbidden.map((f) => f.path) ?? [],
    hazards: summary?.checks.hazards.map((h) => h.path) ?? [],
    ...latestChecks(view),
    tokens: usage ? usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens : null,
    costUsd: usage?.costUsd ?? null,
    elapsedMs: elapsed(attempt, thread),
  };
}

/** A set-aside attempt: its kept ref against where it left the base, read from git (no worktree any more). */
export async function factsOfRef(
  repo: string,
  group: AttemptGroup,
  attempt: Attempt,
  hazardPatterns: readonly string[],
): Promise<AttemptFacts> {
  const tip = attempt.ref ? await tryRevParse(repo, attempt.ref) : null;
  const base = tip ? await mergeBase(repo, group.baseBranch, tip).catch(() => null) : null;
  const entries = tip && base ? await numstatChanges(repo, [base, tip], { renames: false }) : null;
  const threadName = attemptThreadName(group.name, attempt.k);
  const changelog = group.brief ? changelogPathFor(group.brief, threadName) : defaultChangelogPath(threadName);
  const { checks } = checkAgainstBrief(
    (entries ?? []).map((e) => ({ path: e.path, oldPath: null })),
    group.brief,
    hazardPatterns,
    changelog,
  );
  return {
    status: null,
    threadName: null,
    profileId: attempt.agent.profileId,
    files: entries?.length ?? null,
    added: entries ? entries.reduce((sum, e) => sum + e.added, 0) : null,
    removed: entries ? entries.reduce((sum, e) => sum + e.removed, 0) : null,
    outsideOwned: checks.outsideOwned,
    forbidden: checks.forbidden.map((f) => f.path),
    hazards: checks.hazards.map((h) => h.path),
    checks: [],
    verified: null,
    tokens: null,
    costUsd: null,
    elapsedMs: attempt.finishedAt ? Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt) : null,
  };
}
