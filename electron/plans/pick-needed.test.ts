import { describe, expect, it } from 'vitest';
import { type AttemptEnd, pickNeeded } from './pick-needed';

const end = (attempt: number, change: Partial<AttemptEnd>): AttemptEnd => ({
  attempt,
  status: 'finished',
  exitCode: 0,
  verified: null,
  linesChanged: 3,
  files: 1,
  ...change,
});

describe('pickNeeded', () => {
  it('says why the auto pick found none, attempt by attempt, and what ends the wait', () => {
    const needed = pickNeeded('auto', [
      end(1, { status: 'failed', exitCode: 2, files: null, linesChanged: 0 }),
      end(2, { verified: false }),
      end(3, { status: 'timeout', exitCode: null }),
      end(4, { status: 'not-run', files: null }),
    ]);
    expect(needed.attempts.map((a) => a.why)).toEqual([
      'its agent failed (exit 2), no commit',
      'verification failed',
      'timed out',
      'not run',
    ]);
    expect(needed.message).toBe(
      'no attempt could be picked automatically (attempt 1: its agent failed (exit 2), no commit; attempt 2: verification failed; attempt 3: timed out; attempt 4: not run): pick one in Compare (it is verified, then lands as the task), or Stop the run',
    );
  });

  it('"manual" says the run waits for a pick even when attempts were verified', () => {
    const needed = pickNeeded('manual', [end(1, { verified: true }), end(2, { linesChanged: 0 })]);
    expect(needed.message).toMatch(
      /^"pick": "manual" — waiting for an attempt to be picked \(attempt 1: verified; attempt 2: no change\)/,
    );
  });
});
