import { describe, expect, it } from 'vitest';
import { defaultHazardPatterns } from '../../shared/review-settings';
import { planHazards } from './plan-hazards';

const files = [
  'package.json',
  'package-lock.json',
  'src/api/a.ts',
  'src/ui/b.ts',
  'db/migrations/0001.sql',
  'tsconfig.json',
];

function task(
  name: string,
  ownedPaths: string[],
  extra: {
    dependsOn?: string[];
    task?: string;
    acceptanceCriteria?: string[];
    verificationCommands?: string[];
    forbiddenPaths?: string[];
  } = {},
) {
  return {
    name,
    dependsOn: extra.dependsOn ?? [],
    brief: {
      task: extra.task ?? '',
      ownedPaths,
      forbiddenPaths: extra.forbiddenPaths ?? [],
      acceptanceCriteria: extra.acceptanceCriteria ?? [],
      verificationCommands: extra.verificationCommands ?? [],
    },
  };
}

describe('planHazards', () => {
  it('warns about a hazard file owned by two tasks that may run side by side, grouped per set of tasks', () => {
    const warnings = planHazards(
      [task('deps', ['package.json', 'package-lock.json']), task('tooling', ['*.json']), task('api', ['src/api/**'])],
      defaultHazardPatterns,
      files,
    );
    expect(warnings).toEqual([
      {
        kind: 'hazard',
        tasks: ['deps', 'tooling'],
        paths: ['package.json', 'package-lock.json'],
        message: expect.stringContaining('deps and tooling all own package.json and package-lock.json'),
      },
    ]);
  });

  it('sees a hazard file that does not exist yet when an owned path names it', () => {
    const warnings = planHazards(
      [task('a', ['db/migrations/0002_users.sql']), task('b', ['db/**'])],
      defaultHazardPatterns,
      files,
    );
    expect(warnings.map((w) => [w.kind, w.tasks, w.paths])).toEqual([
      ['hazard', ['a', 'b'], ['db/migrations/0002_users.sql']],
    ]);
    // db/migrations/0001.sql is owned by b alone: no warning for it.
  });

  it('says nothing when the owners run one after the other', () => {
    expect(
      planHazards(
        [task('a', ['tsconfig.json']), task('b', ['tsconfig.json'], { dependsOn: ['a'] })],
        defaultHazardPatterns,
        files,
      ),
    ).toEqual([]);
  });

  it('warns when a brief names a hazard file no task owns', () => {
    const warnings = planHazards(
      [
        task('api', ['src/api/**'], { acceptanceCriteria: ['tsconfig.json enables strict mode.'] }),
        task('ui', ['src/ui/**'], { task: 'Add db/migrations/0002_ui.sql for settings' }),
      ],
      defaultHazardPatterns,
      files,
    );
    expect(warnings.map((w) => [w.kind, w.tasks, w.paths])).toEqual([
      ['hazard-unowned', ['api'], ['tsconfig.json']],
      ['hazard-unowned', ['ui'], ['db/migrations/0002_ui.sql']],
    ]);
  });

  it('warns when a task owns a manifest whose lockfile beside it nobody owns', () => {
    const warnings = planHazards([task('deps', ['package.json'])], defaultHazardPatterns, files);
    expect(warnings).toEqual([
      {
        kind: 'hazard-unowned',
        tasks: ['deps'],
        paths: ['package-lock.json'],
        message: expect.stringContaining('deps must change package-lock.json, a hazard file no task owns'),
      },
    ]);
  });

  it('does not count a mention the brief forbids, nor a hazard file another task owns', () => {
    expect(
      planHazards(
        [
          task('api', ['src/api/**'], {
            task: 'Do not touch package-lock.json',
            forbiddenPaths: ['package-lock.json'],
          }),
          task('ui', ['src/ui/**'], { verificationCommands: ['npx tsc -p tsconfig.json'] }),
          task('config', ['tsconfig.json']),
        ],
        defaultHazardPatterns,
        files,
      ),
    ).toEqual([]);
  });
});
