import { describe, expect, it } from 'vitest';
import { type OrderCandidate, suggestOrder } from './suggest-order';

const entry = (id: string, dependsOn: string[] = [], files: string[] = []): OrderCandidate => ({
  id,
  name: id.toUpperCase(),
  dependsOn,
  files,
});

describe('suggested order', () => {
  it('puts declared dependencies first, even against the given order', () => {
    const result = suggestOrder([entry('tests', ['api', 'db']), entry('api', ['db']), entry('db')]);
    expect(result.order).toEqual(['db', 'api', 'tests']);
    expect(result.reasons.api).toContain('after DB (declared dependency)');
    expect(result.reasons.db).toContain('foundational: 2 queued threads build on it');
  });

  it('reports a cycle instead of guessing around it', () => {
    const result = suggestOrder([entry('a', ['c']), entry('b', ['a']), entry('c', ['b']), entry('d')]);
    expect(result.order).toBeNull();
    expect(result.cycle).toEqual(['A', 'C', 'B', 'A']);
    expect(result.reasons.d).toContain('dependency cycle: A → C → B → A');
  });

  it('among independent entries, fewest touches of shared files first; ties keep the given order', () => {
    const result = suggestOrder([
      entry('wide', [], ['README.md', 'src/index.ts', 'src/x.ts']),
      entry('narrow', [], ['src/index.ts', 'src/y.ts']),
      entry('alone', [], ['docs/z.md']),
      entry('also-alone', [], ['docs/w.md']),
      entry('readme', [], ['README.md']),
    ]);
    expect(result.order).toEqual(['alone', 'also-alone', 'narrow', 'readme', 'wide']);
    expect(result.reasons.wide).toContain('touches 2 files other entries touch (README.md, src/index.ts)');
    expect(result.reasons.alone).toContain('touches no file another entry touches');
  });

  it('ignores dependencies on threads that are not queued', () => {
    const result = suggestOrder([entry('b', ['gone']), entry('a')]);
    expect(result.order).toEqual(['b', 'a']);
  });

  it('puts entries a reviewer blocked last, yet an entry still after what it depends on', () => {
    const result = suggestOrder([
      { ...entry('blocked'), blocking: 2 },
      entry('clean'),
      { ...entry('base'), blocking: 1 },
      entry('on-base', ['base']),
    ]);
    // base is blocked but foundational: it goes before blocked (and on-base must follow it).
    expect(result.order).toEqual(['clean', 'base', 'on-base', 'blocked']);
    expect(result.reasons.blocked).toContain('blocked: 2 blocking findings from a reviewer');
  });
});
