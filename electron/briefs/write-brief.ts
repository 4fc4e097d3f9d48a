import type { Thread } from '../../shared/models';

/** Saves the thread's brief inside its worktree, in a place git ignores. */
export async function writeBriefIntoWorktree(_repo: string, _thread: Thread, _renderedPrompt: string): Promise<void> {
  // Filled in by the worker-briefs work.
}
