import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-repo';
import { Prices, builtInPrices, loadPrices, priceOverridesFileName } from './prices';

const million = {
  inputTokens: 1_000_000,
  outputTokens: 1_000_000,
  cacheReadTokens: 1_000_000,
  cacheWriteTokens: 1_000_000,
};

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

describe('prices', () => {
  it('says when its prices were taken', () => {
    expect(builtInPrices.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('prices a dated release as its family, the most specific name first', () => {
    const prices = new Prices();
    // Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
    expect(prices.costOf('claude-sonnet-4-5-20250929', million)).toBeCloseTo(3 + 15 + 0.3 + 3.75, 10);
    // Opus 4.5 ($5/$25) is not Opus 4 ($15/$75) though one name starts the other.
    expect(prices.priceOf('claude-opus-4-5-20251101')?.input).toBe(5);
    expect(prices.priceOf('claude-opus-4-20250514')?.input).toBe(15);
    expect(prices.priceOf('gpt-5.1-codex-max')?.output).toBe(10);
    expect(prices.priceOf('gpt-5-mini')?.input).toBe(0.25);
    expect(prices.priceOf('models/gemini-2.5-pro')?.output).toBe(10);
    expect(prices.priceOf('claude-sonnet-4-5-20250929[1m]')?.input).toBe(3);
  });

  it('computes a small cost exactly enough', () => {
    const cost = new Prices().costOf('gpt-5-codex', {
      inputTokens: 12_043,
      outputTokens: 216,
      cacheReadTokens: 2_432,
      cacheWriteTokens: 0,
    });
    expect(cost).toBeCloseTo((12_043 * 1.25 + 216 * 10 + 2_432 * 0.125) / 1e6, 12);
  });

  it('has no price (null, not zero) for a model it does not know', () => {
    const prices = new Prices();
    expect(prices.costOf('qwen3-coder-plus', million)).toBeNull();
    expect(prices.costOf(null, million)).toBeNull();
    // A name that merely starts like a listed one is not that model.
    expect(prices.priceOf('gpt-50')).toBeNull();
  });

  it('lays the data folder overrides over the table, aliases included', async () => {
    await writeFile(
      path.join(temp.dir, priceOverridesFileName),
      JSON.stringify({
        models: {
          'qwen3-coder-plus': { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1 },
          'claude-sonnet-4-5': { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
        },
        aliases: { 'my-sonnet': 'claude-sonnet-4-5' },
      }),
    );
    const prices = await loadPrices(temp.dir);
    expect(prices.costOf('qwen3-coder-plus', million)).toBeCloseTo(7.1, 10);
    expect(prices.priceOf('claude-sonnet-4-5-20250929')?.input).toBe(2);
    expect(prices.priceOf('my-sonnet')?.output).toBe(10);
    expect(prices.priceOf('claude-haiku-4-5')?.input).toBe(1);
  });

  it('uses the built-in table without an overrides file, and refuses a broken one with the fix', async () => {
    expect((await loadPrices(temp.dir)).priceOf('gpt-5')?.input).toBe(1.25);
    await writeFile(path.join(temp.dir, priceOverridesFileName), '{"models": {"x": {"input": "cheap"}}}');
    await expect(loadPrices(temp.dir)).rejects.toThrow(/could not be read.*Fix the file/s);
  });
});
