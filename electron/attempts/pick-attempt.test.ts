import { describe, expect, it } from 'vitest';
import { pickAttempt, type PickCandidate } from './pick-attempt';

const attempt = (branch: string, fields: Partial<PickCandidate> = {}): PickCandidate => ({
  branch,
  status: 'done',
  verified: true,
  linesChanged: 10,
  ...fields,
});

describe('pickAttempt', () => {
  it('takes the smallest passing change, never a failing one', () => {
    const outcome = pickAttempt([
      attempt('a-1', { verified: false, linesChanged: 1 }),
      attempt('a-2', { linesChanged: 120 }),
      attempt('a-3', { linesChanged: 8 }),
    ]);
    expect(outcome.picked).toBe(2);
    expect(outcome.attempts.map((a) => a.picked)).toEqual([false, false, true]);
    expect(outcome.attempts[0]).toEqual({
      branch: 'a-1',
      status: 'done',
      verified: false,
      linesChanged: 1,
      score: null,
      picked: false,
    });
  });

  it('breaks a tie on size by time, and a full tie by order', () => {
    expect(pickAttempt([attempt('a', { durationMs: 900 }), attempt('b', { durationMs: 300 })]).picked).toBe(1);
    expect(pickAttempt([attempt('a'), attempt('b')]).picked).toBe(0);
  });

  it('prefers verified attempts over unverified ones, and falls back to unverified when none was verified', () => {
    expect(pickAttempt([attempt('a', { verified: null, linesChanged: 1 }), attempt('b')]).picked).toBe(1);
    expect(
      pickAttempt([attempt('a', { verified: null, linesChanged: 9 }), attempt('b', { verified: null })]).picked,
    ).toBe(0);
  });

  it('picks nothing when every attempt failed, crashed or changed nothing', () => {
    const outcome = pickAttempt([
      attempt('a', { verified: false }),
      attempt('b', { status: 'failed', verified: null }),
      attempt('c', { linesChanged: 0 }),
    ]);
    expect(outcome.picked).toBeNull();
    expect(outcome.attempts.every((a) => !a.picked)).toBe(true);
  });

  it('passes the score through', () => {
    expect(pickAttempt([attempt('a', { score: 71.5 })]).attempts[0]?.score).toBe(71.5);
  });
});
