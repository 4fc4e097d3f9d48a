import { describe, expect, it } from 'vitest';
import { gateAfterDecision, gateAfterTurn, gateHolds, hasPlanMode, initialGate } from './plan-gate';

describe('the plan-first gate', () => {
  it('holds a task from its start until its plan is approved', () => {
    expect(initialGate(undefined)).toBeNull();
    expect(initialGate(false)).toBeNull();
    const planning = initialGate(true);
    expect(planning).toBe('planning');
    expect(gateHolds(planning)).toBe(true);
    // The first turn's end is the plan, ready for review.
    const ready = gateAfterTurn(planning);
    expect(ready).toBe('plan-ready');
    expect(gateHolds(ready)).toBe(true);
    // Another turn's end while it waits changes nothing.
    expect(gateAfterTurn(ready)).toBe('plan-ready');
    // Request changes: back to planning; approve: on to the work, and turns end the task again.
    expect(gateAfterDecision(ready, 'request-changes')).toEqual({ state: 'planning' });
    const approved = gateAfterDecision(ready, 'approve');
    expect(approved).toEqual({ state: 'approved' });
    expect(gateHolds('approved')).toBe(false);
    expect(gateAfterTurn('approved')).toBe('approved');
    expect(gateHolds(null)).toBe(false);
  });

  it('refuses a decision unless a plan is ready, saying why', () => {
    expect(gateAfterDecision('planning', 'approve')).toEqual({
      refused: expect.stringMatching(/not finished its plan/),
    });
    expect(gateAfterDecision('approved', 'approve')).toEqual({ refused: expect.stringMatching(/already approved/) });
    expect(gateAfterDecision(null, 'request-changes')).toEqual({ refused: expect.stringMatching(/no "plan first"/) });
  });

  it('knows the tools with a plan mode of their own', () => {
    const mode = (id: string) => ({ id, label: id, args: [], headlessArgs: [], bypass: false });
    expect(hasPlanMode({ approvalModes: [mode('default'), mode('plan')] })).toBe(true);
    expect(hasPlanMode({ approvalModes: [mode('default')] })).toBe(false);
  });
});
