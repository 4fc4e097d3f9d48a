import type { projectsContract } from '../../../shared/contract/projects';
import { AppError } from '../../../shared/errors';
import { parsePromptTemplate } from '../../briefs/prompt-template-check';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function projectHandlers({ options, projects }: HandlerDeps): HandlersOf<typeof projectsContract> {
  return {
    'projects.list': () => projects.list(),
    'projects.open': ({ path }) => projects.open(path),
    'projects.pickFolder': async () => {
      if (!options.host.pickFolder) {
        throw new AppError('unsupported', 'This window cannot show a folder picker; type the repository path instead.');
      }
      return { path: await options.host.pickFolder() };
    },
    'projects.branches': ({ projectId }) => projects.branches(projectId),
    'projects.setWorktreeRoot': ({ projectId, worktreeRoot }) => projects.setWorktreeRoot(projectId, worktreeRoot),
    'projects.setSetup': ({ projectId, setupCommand, copyFiles }) =>
      projects.setSetup(projectId, setupCommand, copyFiles),
    'projects.setPromptTemplate': ({ projectId, template }) => {
      projects.get(projectId);
      // A broken template is refused here rather than at the next thread's creation.
      if (template !== null) parsePromptTemplate(template);
      return projects.update(projectId, { promptTemplate: template });
    },
  };
}
