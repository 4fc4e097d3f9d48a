import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import { resolveBriefDependencies } from './brief-dependencies';
import { makeThread } from '../../shared/test-fixtures';

function thread(id: string, projectId: string): Thread {
  return makeThread({ id, projectId, name: `Thread ${id}`, branch: `switchyard/${id}`, worktreePath: `/wt/${id}` });
}

const threads = [thread('a', 'p1'), thread('b', 'p1'), thread('x', 'p2')];

function refusal(dependsOn: string[]): AppError {
  try {
    resolveBriefDependencies(threads, 'p1', dependsOn);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('resolveBriefDependencies', () => {
  it('returns the named threads of the project in order, without duplicates', () => {
    expect(resolveBriefDependencies(threads, 'p1', ['b', 'a', 'b'])).toEqual([
      { id: 'b', name: 'Thread b', branch: 'switchyard/b' },
      { id: 'a', name: 'Thread a', branch: 'switchyard/a' },
    ]);
    expect(resolveBriefDependencies(threads, 'p1', [])).toEqual([]);
  });

  it('refuses ids that are no thread, naming them', () => {
    const error = refusal(['a', 'gone']);
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('"gone"');
    expect(error.message).toContain('is not a thread of this project');
    expect(error.details).toEqual({ unknownThreadIds: ['gone'] });
  });

  it('refuses threads of another project, saying so', () => {
    const error = refusal(['x']);
    expect(error.message).toContain('"x", which belongs to another project');
  });
});
