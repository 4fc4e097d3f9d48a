import type { PromptTemplateVariable } from '../../shared/contract/briefs';

/** Every name a prompt template may use, documented for the template editor. */
export const promptTemplateVariables: readonly PromptTemplateVariable[] = [
  { name: 'threadName', description: 'The thread’s name.', list: false },
  { name: 'branch', description: 'The branch the agent works on.', list: false },
  { name: 'baseBranch', description: 'The branch it was created from and will merge into.', list: false },
  { name: 'task', description: 'One line: what the agent is to do.', list: false },
  { name: 'goal', description: 'What done looks like.', list: false },
  { name: 'prompt', description: 'Extra text the dispatcher typed in the Prompt field.', list: false },
  { name: 'ownedPaths', description: 'Globs of the paths the agent owns and may change.', list: true },
  { name: 'readablePaths', description: 'Globs it may read but should not change.', list: true },
  { name: 'forbiddenPaths', description: 'Globs it must not edit.', list: true },
  { name: 'acceptanceCriteria', description: 'What must be true when it is done.', list: true },
  { name: 'verificationCommands', description: 'Commands to run in the worktree before finishing.', list: true },
  { name: 'changelogPath', description: 'Where to write the changelog fragment.', list: false },
  { name: 'integrationRisk', description: 'low, medium or high.', list: false },
  {
    name: 'dependencies',
    description: 'Threads this one builds on; each has name, branch and id.',
    list: true,
  },
];

/** Names that exist only inside a section over a list of records, e.g. `{{#dependencies}}{{name}}{{/dependencies}}`. */
export const promptListItemFields: Readonly<Record<string, readonly string[]>> = {
  dependencies: ['name', 'branch', 'id'],
};
