import type { Thread } from '../../shared/models';
import { getActions } from '../state/actions';
import { draftFromBrief, emptyBriefDraft } from '../briefs/brief-draft';
import { type NewThreadPrefill, useNewThreadPrefillStore } from './new-thread-prefill-store';
import { useProjectsStore } from '../state/projects-store';
import { useUiStore } from '../state/ui-store';

const maxNameLength = 120;

/**
 * The new-thread form's starting values for a copy of `thread`. A thread with a brief stored the
 * rendered prompt, which the brief will render again, so only a plain thread's prompt is copied.
 */
export function prefillFromThread(thread: Thread): NewThreadPrefill {
  const suffix = ' (copy)';
  return {
    projectId: thread.projectId,
    name: `${thread.name.slice(0, maxNameLength - suffix.length)}${suffix}`,
    baseBranch: thread.baseBranch,
    profileId: thread.profileId,
    prompt: thread.brief ? '' : thread.prompt,
    command: thread.command,
    scenario: thread.scenario,
    brief: thread.brief ? draftFromBrief(thread.brief) : emptyBriefDraft,
  };
}

/** Opens the new-thread form filled in from `thread` (its brief, agent and base branch). */
export function duplicateThread(thread: Thread): void {
  if (useProjectsStore.getState().selectedId !== thread.projectId) getActions().selectProject(thread.projectId);
  useNewThreadPrefillStore.getState().offer(prefillFromThread(thread));
  useUiStore.getState().openDialog({ kind: 'new-thread' });
}
