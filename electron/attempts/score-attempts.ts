import {
  criterionLabels,
  type CriterionScore,
  type ScoreCriterion,
  scoreCriteria,
  type ScoreWeights,
} from '../../shared/attempts';

/** What each attempt brings to the scores; null: unknown (the criterion is skipped for it). */
export interface ScoreInputs {
  /** Verification commands that passed, of those with a result on this commit. */
  readonly checksPassed: number | null;
  readonly checksRun: number | null;
  /** Lines added + removed. */
  readonly linesChanged: number | null;
  /** The benchmark's figure, lower is better (its time, or the number it printed). */
  readonly benchmark: number | null;
  /** Changed files, and those outside the owned paths, forbidden, or on the hazard list. */
  readonly files: number | null;
  readonly outsideOwned: number;
  readonly forbidden: number;
  readonly hazards: number;
  /** Dollars when known for every attempt, else tokens. */
  readonly cost: number | null;
}

export interface AttemptScore {
  readonly scores: Record<ScoreCriterion, CriterionScore>;
  readonly total: number | null;
  readonly totalFormula: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** `best / own` for figures where lower is better; both zero counts as the best. */
function relativeToBest(own: number | null, all: ReadonlyArray<number | null>): number | null {
  if (own === null) return null;
  const known = all.filter((value): value is number => value !== null);
  const best = Math.min(...known);
  if (own <= best) return 100;
  return (Math.max(best, 0) / own) * 100;
}

/**
 * Scores every attempt on the five criteria (0–100 each) and totals them with the weights,
 * renormalised over the criteria known for that attempt: correctness from the checks that passed,
 * simplicity from lines changed against the smallest, performance from the benchmark against the
 * best, maintainability from files flagged by the brief and hazard checks, cost against the cheapest.
 */
export function scoreAttempts(inputs: readonly ScoreInputs[], weights: ScoreWeights): AttemptScore[] {
  const lines = inputs.map((i) => i.linesChanged);
  const bench = inputs.map((i) => i.benchmark);
  const costs = inputs.map((i) => i.cost);
  const smallest = Math.min(...lines.filter((v): v is number => v !== null));
  const fastest = Math.min(...bench.filter((v): v is number => v !== null));
  const cheapest = Math.min(...costs.filter((v): v is number => v !== null));
  return inputs.map((input) => {
    const flagged = input.outsideOwned + input.hazards + 2 * input.forbidden;
    const scores: Record<ScoreCriterion, CriterionScore> = {
      correctness:
        input.checksRun && input.checksPassed !== null
          ? {
              score: (input.checksPassed / input.checksRun) * 100,
              formula: `checks passed ÷ checks run = ${input.checksPassed} ÷ ${input.checksRun}`,
            }
          : { score: null, formula: 'no verification result on this commit: skipped' },
      simplicity:
        input.linesChanged === null
          ? { score: null, formula: 'lines changed unknown: skipped' }
          : {
              score: relativeToBest(input.linesChanged, lines),
              formula: `smallest change ÷ this change = ${smallest} ÷ ${input.linesChanged} lines`,
            },
      performance:
        input.benchmark === null
          ? { score: null, formula: 'no benchmark figure: skipped' }
          : {
              score: relativeToBest(input.benchmark, bench),
              formula: `best benchmark ÷ this benchmark = ${fastest} ÷ ${input.benchmark}`,
            },
      maintainability:
        input.files === null
          ? { score: null, formula: 'changed files unknown: skipped' }
          : {
              score: Math.max(0, 1 - flagged / Math.max(1, input.files)) * 100,
              formula: `1 − (outside owned + hazards + 2 × forbidden) ÷ files = 1 − (${input.outsideOwned} + ${input.hazards} + 2 × ${input.forbidden}) ÷ ${input.files}`,
            },
      cost:
        input.cost === null
          ? { score: null, formula: 'tokens and cost unknown: skipped' }
          : {
              score: relativeToBest(input.cost, costs),
              formula: `cheapest ÷ this one = ${round(cheapest)} ÷ ${round(input.cost)}`,
            },
    };
    return { scores, ...total(scores, weights) };
  });
}

function total(
  scores: Record<ScoreCriterion, CriterionScore>,
  weights: ScoreWeights,
): { total: number | null; totalFormula: string } {
  const known = scoreCriteria.filter((criterion) => scores[criterion].score !== null && weights[criterion] > 0);
  const weightSum = known.reduce((sum, criterion) => sum + weights[criterion], 0);
  if (known.length === 0 || weightSum === 0) {
    return { total: null, totalFormula: 'no criterion is known for this attempt' };
  }
  const sum = known.reduce((acc, criterion) => acc + weights[criterion] * (scores[criterion].score ?? 0), 0);
  const terms = known.map(
    (criterion) => `${weights[criterion]} × ${round(scores[criterion].score ?? 0)} (${criterionLabels[criterion]})`,
  );
  return { total: sum / weightSum, totalFormula: `(${terms.join(' + ')}) ÷ ${weightSum}` };
}
