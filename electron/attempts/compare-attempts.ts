import type { AttemptColumn, AttemptComparison, AttemptGroup, ScoreWeights } from '../../shared/attempts';
import type { Thread } from '../../shared/models';
import type { AttemptFacts } from './attempt-facts';
import { pickAttempt } from './pick-attempt';
import { pickCandidates } from './pick-candidates';
import { type ScoreInputs, scoreAttempts } from './score-attempts';

/** Lines added + removed, or null when unknown. */
function linesOf(facts: AttemptFacts): number | null {
  return facts.added === null || facts.removed === null ? null : facts.added + facts.removed;
}

/** Dollars when every attempt with usage has a price, else tokens (a mix of the two would compare nothing). */
function costInputs(facts: readonly AttemptFacts[]): Array<number | null> {
  const withUsage = facts.filter((f) => f.tokens !== null);
  const inDollars = withUsage.length > 0 && withUsage.every((f) => f.costUsd !== null);
  return facts.map((f) => (inDollars ? f.costUsd : f.tokens));
}

/**
 * The compare view's columns: each attempt's facts with its scores, and what `"pick":"auto"` would
 * take among the attempts still in the running (pickAttempt, the plan runner's rule).
 */
export function compareAttempts(
  group: AttemptGroup,
  facts: readonly AttemptFacts[],
  threads: ReadonlyMap<string, Thread>,
  weights: ScoreWeights,
): AttemptComparison {
  const costs = costInputs(facts);
  const inputs: ScoreInputs[] = facts.map((f, index) => {
    const attempt = group.attempts[index]!;
    const benchmark = attempt.benchmark;
    const ran = f.checks.filter((c) => c.state !== null && c.state !== 'running' && c.state !== 'cancelled');
    return {
      checksRun: ran.length,
      checksPassed: ran.filter((c) => c.state === 'passed').length,
      linesChanged: linesOf(f),
      benchmark: benchmark && benchmark.exitCode === 0 ? (benchmark.printed ?? benchmark.ms) : null,
      files: f.files,
      outsideOwned: f.outsideOwned.length,
      forbidden: f.forbidden.length,
      hazards: f.hazards.length,
      cost: costs[index] ?? null,
    };
  });
  const scored = scoreAttempts(inputs, weights);
  const columns: AttemptColumn[] = group.attempts.map((attempt, index) => {
    const f = facts[index]!;
    const score = scored[index]!;
    const thread = attempt.threadId ? threads.get(attempt.threadId) : undefined;
    return {
      k: attempt.k,
      state: attempt.state,
      threadId: thread ? attempt.threadId : null,
      threadName: f.threadName,
      branch: attempt.branch,
      ref: attempt.ref,
      profileId: f.profileId,
      status: f.status,
      elapsedMs: f.elapsedMs,
      files: f.files,
      added: f.added,
      removed: f.removed,
      outsideOwned: f.outsideOwned,
      forbidden: f.forbidden,
      hazards: f.hazards,
      checks: f.checks,
      verified: f.verified,
      benchmark: attempt.benchmark,
      tokens: f.tokens,
      costUsd: f.costUsd,
      scores: score.scores,
      total: score.total,
      totalFormula: score.totalFormula,
    };
  });
  const contenders = pickCandidates(columns);
  const auto = pickAttempt(contenders);
  return {
    group,
    weights,
    columns,
    autoPick: auto.picked === null ? null : (contenders[auto.picked]?.k ?? null),
  };
}
