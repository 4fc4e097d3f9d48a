/**
 * `"pick":"auto"` (issue 15): the attempts whose verification passed, then the smallest change
 * (lines added + removed), then the fastest; ties go to the first. Pure, so the plan runner
 * (electron/plans/) and the compare view pick alike.
 */

/** One attempt as the picker sees it; the plan runner builds these from its task's attempts. */
export interface PickCandidate {
  readonly branch: string;
  /** The thread's status (`done`, `failed`, `stopped`, …). */
  readonly status: string;
  /** Every verification command passed on its tip (true), one failed (false), or not run / none (null). */
  readonly verified: boolean | null;
  /** Lines added + removed since the branch left its base. */
  readonly linesChanged: number;
  /** How long its agent took (or its benchmark), for the last tie-break; null when unknown. */
  readonly durationMs?: number | null;
  /** The compare view's total (0–100), passed through to the report; null when unknown. */
  readonly score?: number | null;
}

/** The plan-run JSON's `"attempts":[…]` entry. */
export interface PickedAttempt {
  readonly branch: string;
  readonly status: string;
  readonly verified: boolean | null;
  readonly linesChanged: number;
  readonly score: number | null;
  readonly picked: boolean;
}

export interface PickOutcome {
  /** Index into the candidates of the one picked; null when none may be (every one failed or changed nothing). */
  readonly picked: number | null;
  readonly attempts: PickedAttempt[];
}

/**
 * Who may be picked at all: never a failed verification, a failed agent or an empty change; the
 * verified ones when there are any, else those nobody could verify (no commands, or not run).
 */
function eligible(candidates: readonly PickCandidate[]): number[] {
  const usable = candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => candidate.verified !== false && candidate.status !== 'failed')
    .filter(({ candidate }) => candidate.linesChanged > 0);
  const verified = usable.filter(({ candidate }) => candidate.verified === true);
  return (verified.length > 0 ? verified : usable).map(({ index }) => index);
}

export function pickAttempt(candidates: readonly PickCandidate[]): PickOutcome {
  let picked: number | null = null;
  for (const index of eligible(candidates)) {
    if (picked === null || better(candidates[index]!, candidates[picked]!)) picked = index;
  }
  return {
    picked,
    attempts: candidates.map((candidate, index) => ({
      branch: candidate.branch,
      status: candidate.status,
      verified: candidate.verified,
      linesChanged: candidate.linesChanged,
      score: candidate.score ?? null,
      picked: index === picked,
    })),
  };
}

/** Strictly better: a tie keeps the earlier one. */
function better(a: PickCandidate, b: PickCandidate): boolean {
  if (a.linesChanged !== b.linesChanged) return a.linesChanged < b.linesChanged;
  const aTime = a.durationMs ?? Number.POSITIVE_INFINITY;
  const bTime = b.durationMs ?? Number.POSITIVE_INFINITY;
  return aTime < bTime;
}
