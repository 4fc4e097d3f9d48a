import type { Brief, IntegrationRisk } from '../../shared/brief';

/** The new-thread form's Brief section as typed: list fields hold one entry per line. */
export interface BriefDraft {
  readonly task: string;
  /** Until the dispatcher types a task, it follows the thread name. */
  readonly taskEdited: boolean;
  readonly goal: string;
  readonly ownedPaths: string;
  readonly readablePaths: string;
  readonly forbiddenPaths: string;
  readonly acceptanceCriteria: string;
  readonly verificationCommands: string;
  readonly changelogPath: string;
  readonly integrationRisk: IntegrationRisk;
  readonly dependsOn: readonly string[];
}

export const emptyBriefDraft: BriefDraft = {
  task: '',
  taskEdited: false,
  goal: '',
  ownedPaths: '',
  readablePaths: '',
  forbiddenPaths: '',
  acceptanceCriteria: '',
  verificationCommands: '',
  changelogPath: '',
  integrationRisk: 'low',
  dependsOn: [],
};

/** One entry per non-blank line, trimmed. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The task as it will be sent: typed, or else the thread name. */
export function effectiveTask(draft: BriefDraft, threadName: string): string {
  return draft.taskEdited ? draft.task : threadName.trim();
}

/**
 * Whether the dispatcher filled in anything of the brief. A task that only follows the name and
 * the default risk do not count, so a thread with just a name and prompt is created without one.
 */
export function briefDraftHasContent(draft: BriefDraft): boolean {
  return (
    (draft.taskEdited && draft.task.trim() !== '') ||
    draft.goal.trim() !== '' ||
    [
      draft.ownedPaths,
      draft.readablePaths,
      draft.forbiddenPaths,
      draft.acceptanceCriteria,
      draft.verificationCommands,
    ].some((text) => linesOf(text).length > 0) ||
    draft.changelogPath.trim() !== '' ||
    draft.integrationRisk !== 'low' ||
    draft.dependsOn.length > 0
  );
}

export function briefFromDraft(draft: BriefDraft, threadName: string): Brief {
  return {
    task: effectiveTask(draft, threadName).trim(),
    goal: draft.goal.trim(),
    ownedPaths: linesOf(draft.ownedPaths),
    readablePaths: linesOf(draft.readablePaths),
    forbiddenPaths: linesOf(draft.forbiddenPaths),
    acceptanceCriteria: linesOf(draft.acceptanceCriteria),
    verificationCommands: linesOf(draft.verificationCommands),
    changelogPath: draft.changelogPath.trim(),
    integrationRisk: draft.integrationRisk,
    dependsOn: [...draft.dependsOn],
  };
}

/** A saved brief back in the form; an empty task goes back to following the name. */
export function draftFromBrief(brief: Brief): BriefDraft {
  return {
    task: brief.task,
    taskEdited: brief.task.trim() !== '',
    goal: brief.goal,
    ownedPaths: brief.ownedPaths.join('\n'),
    readablePaths: brief.readablePaths.join('\n'),
    forbiddenPaths: brief.forbiddenPaths.join('\n'),
    acceptanceCriteria: brief.acceptanceCriteria.join('\n'),
    verificationCommands: brief.verificationCommands.join('\n'),
    changelogPath: brief.changelogPath,
    integrationRisk: brief.integrationRisk,
    dependsOn: [...brief.dependsOn],
  };
}
