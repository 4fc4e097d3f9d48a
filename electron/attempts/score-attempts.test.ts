import { describe, expect, it } from 'vitest';
import { defaultScoreWeights } from '../../shared/attempts';
import { type ScoreInputs, scoreAttempts } from './score-attempts';

const inputs = (fields: Partial<ScoreInputs> = {}): ScoreInputs => ({
  checksPassed: 1,
  checksRun: 1,
  linesChanged: 10,
  benchmark: null,
  files: 2,
  outsideOwned: 0,
  forbidden: 0,
  hazards: 0,
  cost: null,
  ...fields,
});

describe('scoreAttempts', () => {
  it('scores each criterion against the best attempt and renormalises over the known ones', () => {
    const [small, big] = scoreAttempts(
      [inputs({ linesChanged: 10 }), inputs({ linesChanged: 40, checksPassed: 0 })],
      defaultScoreWeights,
    );
    expect(small?.scores.simplicity.score).toBe(100);
    expect(big?.scores.simplicity.score).toBe(25);
    expect(big?.scores.correctness.score).toBe(0);
    expect(small?.scores.performance.score).toBeNull();
    expect(small?.scores.cost.score).toBeNull();
    // correctness 30, simplicity 25, maintainability 15 known: (30·100 + 25·100 + 15·100) ÷ 70.
    expect(small?.total).toBe(100);
    expect(big?.total).toBeCloseTo((30 * 0 + 25 * 25 + 15 * 100) / 70, 5);
    expect(big?.totalFormula).toContain('÷ 70');
  });

  it('changes the total when the weights change', () => {
    const both = [inputs({ linesChanged: 10, checksPassed: 0 }), inputs({ linesChanged: 40 })];
    const byDefault = scoreAttempts(both, defaultScoreWeights);
    const simplicityOnly = scoreAttempts(both, { ...defaultScoreWeights, correctness: 0, maintainability: 0 });
    expect(byDefault[0]!.total!).toBeLessThan(byDefault[1]!.total!);
    expect(simplicityOnly[0]!.total!).toBeGreaterThan(simplicityOnly[1]!.total!);
    expect(simplicityOnly[0]!.total).toBe(100);
  });

  it('counts flagged files against maintainability, forbidden ones twice', () => {
    const [scored] = scoreAttempts([inputs({ files: 4, outsideOwned: 1, forbidden: 1 })], defaultScoreWeights);
    expect(scored?.scores.maintainability.score).toBe(25);
  });

  it('skips everything unknown and says so', () => {
    const [scored] = scoreAttempts(
      [inputs({ checksRun: 0, checksPassed: 0, linesChanged: null, files: null })],
      defaultScoreWeights,
    );
    expect(scored?.total).toBeNull();
    expect(scored?.scores.correctness.formula).toContain('skipped');
  });

  it('compares benchmark and cost figures against the best, lower being better', () => {
    const scored = scoreAttempts(
      [inputs({ benchmark: 200, cost: 0.5 }), inputs({ benchmark: 100, cost: 2 })],
      defaultScoreWeights,
    );
    expect(scored.map((s) => s.scores.performance.score)).toEqual([50, 100]);
    expect(scored.map((s) => s.scores.cost.score)).toEqual([100, 25]);
  });
});
