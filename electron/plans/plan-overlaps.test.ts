import { describe, expect, it } from 'vitest';
import { globsIntersect } from './glob-intersect';
import { planOverlaps } from './plan-overlaps';

describe('globsIntersect', () => {
  it.each([
    ['src/**', 'src/api/**'],
    ['src/api/**', 'src/**'],
    ['src/api', 'src/api/handlers.ts'],
    ['src/', 'src/api/x.ts'],
    ['src/*.ts', 'src/index.ts'],
    ['src/**/*.test.ts', 'src/api/**'],
    ['*.md', 'docs/guide.md'],
    ['README.md', 'README.md'],
    ['src/{api,ui}/**', 'src/ui/button.tsx'],
    ['**', 'anything/at/all'],
    ['src/a?.ts', 'src/*b.ts'],
  ])('%s and %s overlap', (a, b) => {
    expect(globsIntersect(a, b)).toBe(true);
  });

  it.each([
    ['src/api/**', 'src/ui/**'],
    ['src/*.ts', 'src/api/**'],
    ['docs/**', 'src/**'],
    ['*.md', '*.ts'],
    ['src/{api,ui}/**', 'src/db/**'],
    ['README.md', 'docs/README.txt'],
    ['src/api.ts', 'src/api2.ts'],
  ])('%s and %s do not', (a, b) => {
    expect(globsIntersect(a, b)).toBe(false);
  });
});

describe('planOverlaps', () => {
  const task = (name: string, ownedPaths: string[], dependsOn: string[] = []) => ({ name, ownedPaths, dependsOn });

  it('warns about two tasks whose owned paths overlap, naming the globs', () => {
    expect(
      planOverlaps([task('core', ['src/**']), task('api', ['src/api/**', 'docs/api.md']), task('ui', ['web/**'])]),
    ).toEqual([
      {
        kind: 'overlap',
        tasks: ['core', 'api'],
        paths: ['src/**', 'src/api/**'],
        message: expect.stringContaining('core and api own overlapping paths (src/**, src/api/**)'),
      },
    ]);
  });

  it('says nothing of disjoint tasks, nor of a pair where one waits for the other (even through another)', () => {
    expect(planOverlaps([task('api', ['src/api/**']), task('ui', ['src/ui/**'])])).toEqual([]);
    expect(
      planOverlaps([task('core', ['src/**']), task('mid', ['lib/**'], ['core']), task('api', ['src/api/**'], ['mid'])]),
    ).toEqual([]);
  });

  it('says once of a task with no owned paths that nothing can be judged for it', () => {
    expect(planOverlaps([task('vague', []), task('api', ['src/api/**'])])).toEqual([
      {
        kind: 'no-owned-paths',
        tasks: ['vague'],
        paths: [],
        message: expect.stringContaining('vague names no owned paths'),
      },
    ]);
  });
});
