import type { AttemptColumn } from '../../shared/attempts';
import type { PickCandidate } from './pick-attempt';

/**
 * The compare view's attempts still in the running (not set aside, their thread still there) as
 * pickAttempt takes them, each with its k: `pickAttempt(pickCandidates(comparison.columns))` is
 * `"pick":"auto"` on a group, and its `attempts` the plan-run JSON's entries.
 */
export function pickCandidates(columns: readonly AttemptColumn[]): Array<PickCandidate & { readonly k: number }> {
  return columns
    .filter((c) => c.state !== 'set-aside' && c.threadId !== null)
    .map((c) => ({
      k: c.k,
      branch: c.branch,
      status: c.status ?? 'stopped',
      verified: c.verified,
      linesChanged: (c.added ?? 0) + (c.removed ?? 0),
      durationMs: c.elapsedMs,
      score: c.total === null ? null : Math.round(c.total),
    }));
}
