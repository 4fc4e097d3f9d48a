import { describe, expect, it } from 'vitest';
import { makeThread } from '../../shared/test-fixtures';
import { overridesOf } from '../settings/price-overrides-editor';
import { newBudgetAlerts } from './use-budget-notices';
import { compactUsage, costText } from './usage-format';

const usage = { inputTokens: 100, outputTokens: 11_900, cacheReadTokens: 0, cacheWriteTokens: 0 };

describe('usage figures', () => {
  it('shows dollars when priced, tokens when not', () => {
    expect(compactUsage({ ...usage, costUsd: 0.4213 })).toBe('$0.42');
    expect(compactUsage({ ...usage, costUsd: 0.004 })).toBe('$0.004');
    expect(compactUsage({ ...usage, costUsd: null })).toBe('12k tok');
    expect(costText(null, 'mystery-1')).toBe('price unknown for mystery-1');
  });
});

describe('newBudgetAlerts', () => {
  const warning = { level: 'warning' as const, scope: 'thread' as const, text: '80 % of its budget' };
  it('tells a level reached once, not again while it holds, nor for threads first seen', () => {
    const before = { t1: makeThread({ id: 't1' }) };
    const warned = { t1: makeThread({ id: 't1', budgetAlert: warning }) };
    expect(newBudgetAlerts(before, warned).map((t) => t.id)).toEqual(['t1']);
    expect(newBudgetAlerts(warned, { t1: makeThread({ id: 't1', budgetAlert: warning }) })).toEqual([]);
    expect(newBudgetAlerts({}, warned)).toEqual([]);
    const over = { t1: makeThread({ id: 't1', budgetAlert: { ...warning, level: 'over' } }) };
    expect(newBudgetAlerts(warned, over).map((t) => t.budgetAlert?.level)).toEqual(['over']);
  });
});

describe('price overrides as typed', () => {
  const row = (model: string, input: string) => ({
    model,
    price: { input, output: '15', cacheRead: '', cacheWrite: '3.75' },
  });
  it('reads blanks as 0 and refuses a missing name or a bad number', () => {
    expect(overridesOf([row(' my-model ', '3')], {})).toEqual({
      models: { 'my-model': { input: 3, output: 15, cacheRead: 0, cacheWrite: 3.75 } },
      aliases: {},
    });
    expect(overridesOf([row('', '3')], {})).toMatch(/model name/);
    expect(overridesOf([row('m', '-1')], {})).toMatch(/Input for m/);
  });
});
