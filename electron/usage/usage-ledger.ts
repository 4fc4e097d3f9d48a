import { type TokenCounts, addTokens, sameTokens, zeroTokens } from '../../shared/usage';
import type { UsageSample } from './usage-source';

/**
 * Everything counted for one thread: the latest sample per key. Nothing is ever taken out — a
 * session file that is cut short or deleted does not give back what was spent.
 */
export class UsageLedger {
  private readonly samples = new Map<string, UsageSample>();
  private latest: UsageSample | null = null;

  /** Takes in samples; true when any count changed. */
  add(samples: readonly UsageSample[]): boolean {
    let changed = false;
    for (const sample of samples) {
      const before = this.samples.get(sample.key);
      if (!before || before.model !== sample.model || !sameTokens(before.tokens, sample.tokens)) changed = true;
      this.samples.set(sample.key, sample);
      if (sample.model && (!this.latest || (sample.at ?? '') >= (this.latest.at ?? ''))) this.latest = sample;
    }
    return changed;
  }

  /** Totals per model (null: a model the records did not name). */
  byModel(): Map<string | null, TokenCounts> {
    const totals = new Map<string | null, TokenCounts>();
    for (const { model, tokens } of this.samples.values()) {
      totals.set(model, addTokens(totals.get(model) ?? zeroTokens, tokens));
    }
    return totals;
  }

  /** The model of the latest sample that named one. */
  lastModel(): string | null {
    return this.latest?.model ?? null;
  }
}
