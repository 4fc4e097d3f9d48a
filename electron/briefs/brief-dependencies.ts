import { AppError } from '../../shared/errors';
import type { Thread } from '../../shared/models';
import type { BriefDependency } from './render-brief-prompt';

/**
 * Checks that every id in a brief's `dependsOn` names a thread of the same project and returns
 * those threads as the prompt shows them (duplicates dropped, order kept). Throws
 * `invalid-request` naming the ids that are not threads of this project.
 */
export function resolveBriefDependencies(
  threads: readonly Thread[],
  projectId: string,
  dependsOn: readonly string[],
): BriefDependency[] {
  const byId = new Map(threads.filter((t) => t.projectId === projectId).map((t) => [t.id, t]));
  const resolved: BriefDependency[] = [];
  const unknown: string[] = [];
  for (const id of new Set(dependsOn)) {
    const thread = byId.get(id);
    if (thread) resolved.push({ id, name: thread.name, branch: thread.branch });
    else unknown.push(id);
  }
  if (unknown.length > 0) {
    const otherProject = unknown.filter((id) => threads.some((t) => t.id === id));
    const listed = unknown.map((id) => `"${id}"`).join(', ');
    throw new AppError(
      'invalid-request',
      otherProject.length === unknown.length
        ? `The brief depends on ${listed}, which belong${unknown.length === 1 ? 's' : ''} to another project; a thread can only build on threads of its own project.`
        : `The brief depends on ${listed}, which ${unknown.length === 1 ? 'is not a thread' : 'are not threads'} of this project (removed?). Pick its dependencies again.`,
      { unknownThreadIds: unknown },
    );
  }
  return resolved;
}
