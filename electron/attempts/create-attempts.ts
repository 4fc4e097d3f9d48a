import { randomBytes } from 'node:crypto';
import { type AttemptGroup, attemptBranchName } from '../../shared/attempts';
import { suggestBranchName } from '../../shared/branch-name';
import type { ParsedRequestOf } from '../../shared/contract';
import type { Thread } from '../../shared/models';
import type { ThreadService } from '../threads/thread-service';

/** What attempt k's thread is called in the sidebar and its terminal. */
export function attemptThreadName(groupName: string, k: number): string {
  return `${groupName} · attempt ${k}`;
}

/**
 * Creates one ordinary thread per attempt through ThreadService.create (the form's own path: the
 * same checks, brief, template and agent launch), each on `switchyard/<name>/attempt-<k>`. When one
 * cannot be created, the ones already made (no work in them yet) are removed again.
 */
export async function createAttempts(
  threads: ThreadService,
  request: ParsedRequestOf<'attempts.create'>,
): Promise<AttemptGroup> {
  const groupBranch = suggestBranchName(request.name);
  const made: Thread[] = [];
  try {
    for (const [index, agent] of request.agents.entries()) {
      const k = index + 1;
      made.push(
        await threads.create({
          projectId: request.projectId,
          name: attemptThreadName(request.name.trim(), k),
          baseBranch: made[0]?.baseBranch ?? request.baseBranch,
          branch: attemptBranchName(groupBranch, k),
          prompt: request.prompt,
          brief: request.brief,
          ...agent,
          cols: request.cols,
          rows: request.rows,
        }),
      );
    }
  } catch (error) {
    await Promise.all(made.map((thread) => threads.remove(thread.id, true).catch(() => undefined)));
    throw error;
  }
  const now = new Date().toISOString();
  return {
    id: `g_${randomBytes(4).toString('hex')}`,
    projectId: request.projectId,
    name: request.name.trim(),
    prompt: request.prompt,
    brief: request.brief ?? null,
    baseBranch: made[0]!.baseBranch,
    benchmarkCommand: request.benchmarkCommand || null,
    createdAt: now,
    status: 'open',
    picked: null,
    attempts: made.map((thread, index) => ({
      k: index + 1,
      threadId: thread.id,
      branch: thread.branch,
      agent: request.agents[index]!,
      state: 'running',
      ref: null,
      startedAt: thread.createdAt,
      finishedAt: null,
      benchmark: null,
    })),
  };
}
