import { describe, expect, it } from 'vitest';
import { type Budget, usageReadingProfiles } from '../../shared/budget';
import { ThreadSchema } from '../../shared/models';
import { PlanTaskSchema } from '../../shared/plan';
import { type Spend, addSpend, checkBudgets, noSpend } from './budgets';
import { UsageService } from './usage-service';

const spend = (costUsd: number | null, outputTokens = 0): Spend => ({ ...noSpend, outputTokens, costUsd });
const dollars = (limit: number, stopAtLimit = false): Budget => ({ unit: 'usd', limit, stopAtLimit });
const tokens = (limit: number, stopAtLimit = false): Budget => ({ unit: 'tokens', limit, stopAtLimit });
const none = { budget: null, spent: null };

describe('checkBudgets', () => {
  it('says nothing below 80 % and warns from 80 %', () => {
    expect(checkBudgets({ thread: { budget: dollars(1), spent: spend(0.79) }, project: none })).toEqual({
      alert: null,
      stop: false,
    });
    expect(checkBudgets({ thread: { budget: dollars(1), spent: spend(0.8) }, project: none })).toEqual({
      alert: { level: 'warning', scope: 'thread', text: '80 % of its budget: $0.80 of $1.00' },
      stop: false,
    });
  });

  it('is over at 100 %, and stops only when the budget says so', () => {
    expect(checkBudgets({ thread: { budget: tokens(10_000), spent: spend(null, 10_000) }, project: none })).toEqual({
      alert: { level: 'over', scope: 'thread', text: 'over its budget: 10k tokens of 10k tokens' },
      stop: false,
    });
    expect(checkBudgets({ thread: { budget: dollars(1, true), spent: spend(1.5) }, project: none }).stop).toBe(true);
  });

  it("takes the worse of the thread's and the project's budgets", () => {
    const verdict = checkBudgets({
      thread: { budget: dollars(10), spent: spend(8.5) },
      project: { budget: dollars(20, true), spent: spend(21) },
    });
    expect(verdict).toEqual({
      alert: { level: 'over', scope: 'project', text: "over the project's budget: $21.00 of $20.00" },
      stop: true,
    });
  });

  it('cannot weigh dollars of an unpriced model against a dollar budget', () => {
    expect(
      checkBudgets({ thread: { budget: dollars(1, true), spent: spend(null, 5_000_000) }, project: none }),
    ).toEqual({ alert: null, stop: false });
  });
});

describe('addSpend', () => {
  it('adds tokens and dollars; dollars are unknown once either side has unpriced tokens', () => {
    expect(addSpend(spend(1, 10), spend(2, 5))).toEqual(spend(3, 15));
    expect(addSpend(spend(1, 10), spend(null, 5))).toEqual(spend(null, 15));
    expect(addSpend(spend(1, 10), spend(null, 0))).toEqual(spend(1, 10));
  });
});

describe("a plan task's budget", () => {
  const task = { name: 'api-auth', brief: { task: 'Add login' } };
  it('is optional, and read as a budget when given', () => {
    expect(PlanTaskSchema.parse(task).budget).toBeUndefined();
    expect(PlanTaskSchema.parse({ ...task, budget: { unit: 'usd', limit: 2 } }).budget).toEqual({
      unit: 'usd',
      limit: 2,
      stopAtLimit: false,
    });
    expect(PlanTaskSchema.safeParse({ ...task, budget: { unit: 'euro', limit: 2 } }).success).toBe(false);
    expect(PlanTaskSchema.safeParse({ ...task, budget: { unit: 'usd', limit: 0 } }).success).toBe(false);
  });
});

describe('usageReadingProfiles', () => {
  it('names the profiles the usage service reads, and no others', () => {
    for (const profile of usageReadingProfiles) expect(UsageService.readsProfile(profile)).toBe(true);
    for (const profile of ['demo', 'custom', 'opencode', 'amp', 'aider']) {
      expect(usageReadingProfiles.has(profile) || UsageService.readsProfile(profile)).toBe(false);
    }
  });
});

describe('a thread saved before usage was recorded', () => {
  it('loads with no usage, no budget and no alert', () => {
    const old = {
      id: 't1',
      projectId: 'p1',
      name: 'Old',
      branch: 'switchyard/old',
      baseBranch: 'main',
      worktreePath: '/repos/shop.worktrees/old',
      profileId: 'claude',
      prompt: '',
      status: 'stopped',
      statusReason: null,
      exitCode: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      merged: null,
      worktreeMissing: false,
    };
    expect(ThreadSchema.parse(old)).toMatchObject({ usage: null, budget: null, budgetAlert: null });
  });
});
