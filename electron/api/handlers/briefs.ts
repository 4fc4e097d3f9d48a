import { suggestBranchName } from '../../../shared/branch-name';
import type { briefsContract } from '../../../shared/contract/briefs';
import { resolveBriefDependencies } from '../../briefs/brief-dependencies';
import { BriefTemplateLibrary } from '../../briefs/brief-template-library';
import { changelogPathFor } from '../../briefs/changelog-path';
import { defaultPromptTemplate } from '../../briefs/default-prompt-template';
import { promptTemplateVariables } from '../../briefs/prompt-variables';
import { renderBriefPrompt } from '../../briefs/render-brief-prompt';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Shown in a preview until the form has a name. */
const unnamedThread = 'new thread';

export function briefHandlers({ state, projects }: HandlerDeps): HandlersOf<typeof briefsContract> {
  const templates = new BriefTemplateLibrary(state);
  return {
    'briefs.promptTemplate.default': () => ({
      template: defaultPromptTemplate,
      variables: [...promptTemplateVariables],
    }),
    'briefs.preview': (request) => {
      const project = projects.get(request.projectId);
      const threadName = request.name || unnamedThread;
      const dependencies = resolveBriefDependencies(state.threads(), project.id, request.brief.dependsOn);
      const template = request.template === undefined ? project.promptTemplate : request.template;
      const prompt = renderBriefPrompt(template, {
        threadName,
        branch: request.branch?.trim() || suggestBranchName(threadName),
        baseBranch: request.baseBranch?.trim() || project.currentBranch || 'the current branch',
        prompt: request.prompt,
        brief: request.brief,
        changelogPath: changelogPathFor(request.brief, threadName),
        dependencies,
      });
      return { prompt };
    },
    'briefs.templates.list': () => templates.list(),
    'briefs.templates.save': (request) => templates.save(request),
    'briefs.templates.delete': async ({ id }) => ({ deleted: await templates.delete(id) }),
  };
}
