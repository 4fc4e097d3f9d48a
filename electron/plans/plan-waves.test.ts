import { describe, expect, it } from 'vitest';
import { planWaves } from './plan-waves';

const t = (name: string, ...dependsOn: string[]) => ({ name, dependsOn });

describe('planWaves', () => {
  it('groups tasks by dependency depth, each wave in the order the plan wrote them', () => {
    const order = planWaves([t('ui', 'api'), t('db'), t('api', 'db'), t('docs'), t('e2e', 'ui', 'db')]);
    expect(order).toEqual({ waves: [['db', 'docs'], ['api'], ['ui'], ['e2e']], cycles: [] });
  });

  it('puts a task in the wave after its deepest dependency', () => {
    expect(planWaves([t('a'), t('b', 'a'), t('c', 'a', 'b')]).waves).toEqual([['a'], ['b'], ['c']]);
  });

  it('names a cycle from its first-written task, and leaves it and what waits on it out of the waves', () => {
    const order = planWaves([t('free'), t('x', 'y'), t('y', 'x'), t('after', 'y')]);
    expect(order.cycles).toEqual([['x', 'y', 'x']]);
    expect(order.waves).toEqual([['free']]);
  });

  it('names a longer cycle and a task that depends on itself', () => {
    expect(planWaves([t('a', 'c'), t('b', 'a'), t('c', 'b')]).cycles).toEqual([['a', 'c', 'b', 'a']]);
    expect(planWaves([t('self', 'self')]).cycles).toEqual([['self', 'self']]);
  });

  it('ignores dependencies on unknown tasks (check-plan reports them)', () => {
    expect(planWaves([t('a', 'ghost')]).waves).toEqual([['a']]);
  });
});
