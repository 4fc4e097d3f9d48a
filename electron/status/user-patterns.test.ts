import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { commonNeedsInputPatterns } from './screen-rules';
import { StatusTracker, type StatusChange } from './status-tracker';
import { ScreenClassifier } from './classify-screen';
import { RegexSandbox } from './regex-sandbox';
import { genericRules, profileRules, rulesFromPatterns } from './screen-rules';
import { firstUserPatternMatch, isDisabled, resetDisabledPatterns, screenPatternHazard } from './user-patterns';

afterEach(() => resetDisabledPatterns());

/** Exponential on a run of a's not followed by "?": 31 of them took 8.7 s on the main thread. */
const catastrophic = String.raw`^(a+)+\?$`;

/** Runs `during` and returns the longest the event loop was held up meanwhile, in ms. */
async function longestStall(during: () => Promise<void>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    await during();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

describe('user patterns at run time', () => {
  it('a catastrophic custom pattern never holds up the event loop, and is turned off with a reason', async () => {
    const changes: StatusChange[] = [];
    const tracker = new StatusTracker({
      profileId: 'custom',
      needsInputPatterns: [catastrophic, '^Pick a colour:'],
      cols: 80,
      rows: 24,
      settleMs: 50,
      onChange: (change) => changes.push(change),
    });
    const stall = await longestStall(async () => {
      // 28 a's: about a second of backtracking per line, where the sandbox allows 100 ms.
      tracker.output(`${'a'.repeat(28)}\r\n${'a'.repeat(28)}`);
      await expect.poll(() => changes.at(-1)?.reason ?? '', { timeout: 5_000, interval: 20 }).toContain('turned off');
    });
    expect(stall).toBeLessThan(100);
    expect(changes.at(-1)).toEqual({
      status: 'working',
      reason: expect.stringContaining(`needs-input pattern "${catastrophic}" turned off: it ran over 100 ms`),
    });
    // The other pattern still works, and the broken one is not run again.
    const stallAfter = await longestStall(async () => {
      tracker.output('\r\nPick a colour: red\r\n');
      await expect.poll(() => changes.at(-1)?.status, { timeout: 5_000, interval: 20 }).toBe('needs-input');
    });
    expect(stallAfter).toBeLessThan(100);
    expect(changes.at(-1)).toEqual({ status: 'needs-input', reason: 'asks: Pick a colour: red' });
    tracker.dispose();
  }, 20_000);

  it('turns off only the pattern over budget, and the ones after it still run', async () => {
    const sandbox = new RegexSandbox();
    try {
      const found = await firstUserPatternMatch(
        [
          { source: 'never', flags: '', texts: ['a'.repeat(28)] },
          { source: catastrophic, flags: '', texts: ['a'.repeat(28)] },
          { source: '(a{3})a', flags: '', texts: ['b', 'xaaaa'] },
        ],
        sandbox,
      );
      expect(found).toEqual({ pattern: 2, text: 1, groups: ['aaaa', 'aaa'] });
      expect(isDisabled({ source: catastrophic, flags: '' })).toBe(true);
      expect(isDisabled({ source: 'never', flags: '' })).toBe(false);
    } finally {
      sandbox.close();
    }
  }, 10_000);

  it('reads a screen with built-in rules at once and with user rules off the main thread', async () => {
    const classifier = new ScreenClassifier(rulesFromPatterns(['^Ready> $', commonNeedsInputPatterns[0]!]));
    const screen = { lines: ['Ready> '], cursorLine: 0 };
    let answer: unknown = 'not yet';
    classifier.read(screen, (verdict) => (answer = verdict));
    expect(answer).toBe('not yet');
    await expect.poll(() => answer).toEqual({ state: 'needs-input', reason: 'asks: Ready>' });
    // Only built-in rules: answered synchronously.
    const builtIn = new ScreenClassifier(rulesFromPatterns([commonNeedsInputPatterns[0]!]));
    builtIn.read({ lines: ['Go on? (y/n) '], cursorLine: 0 }, (verdict) => (answer = verdict));
    expect(answer).toEqual({ state: 'needs-input', reason: 'asks: Go on? (y/n)' });
  });
});

describe('user patterns when saved', () => {
  it('refuses a pattern that backtracks catastrophically, saying why', async () => {
    const hazard = await screenPatternHazard(catastrophic);
    expect(hazard).toContain(`"${catastrophic}" takes too long on some screen text (over 250 ms on "aaaa`);
    expect(hazard).toContain('(a+)+');
    for (const bad of [String.raw`(a|a)*b`, String.raw`^Proceed: (\w+\s?)+$`, String.raw`^(\d+)*$`]) {
      expect(await screenPatternHazard(bad)).toContain('takes too long');
    }
  }, 20_000);

  it('accepts the patterns the built-in profiles use and ordinary ones', async () => {
    const ours = [...genericRules, ...Object.values(profileRules).flat()].map((rule) => rule.pattern);
    for (const pattern of [...commonNeedsInputPatterns, ...ours, '^Pick a colour:', '.*foo.*bar', '(ab+)+c']) {
      expect(await screenPatternHazard(pattern)).toBeNull();
    }
  }, 20_000);
});
