import type { pipelineRequestChannels } from '../../../shared/channels/pipeline';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

export function pipelineHandlers({
  threads,
  projects,
  settings,
}: HandlerDeps): DomainHandlers<typeof pipelineRequestChannels> {
  return {
    'terminal.attach': ({ threadId }, client) => threads.attach(threadId, client),
    'terminal.detach': ({ threadId }, client) => ({ detached: threads.detach(threadId, client) }),
    'terminal.ack': ({ threadId, chars }, client) => {
      threads.ack(threadId, client, chars);
      return {};
    },
    'threads.resume': ({ threadId }) => threads.resume(threadId),
    'projects.setSetup': ({ projectId, setupCommand, copyFiles }) =>
      projects.setSetup(projectId, setupCommand, copyFiles),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
}
