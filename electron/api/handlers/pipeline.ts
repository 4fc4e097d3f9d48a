import type { pipelineRequestChannels } from '../../../shared/channels/pipeline';
import { AppError } from '../../../shared/errors';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

const notYet = () => {
  throw new AppError('unsupported', 'Not available yet.');
};

export function pipelineHandlers(_deps: HandlerDeps): DomainHandlers<typeof pipelineRequestChannels> {
  return {
    'terminal.attach': notYet,
    'terminal.detach': notYet,
    'terminal.ack': notYet,
    'threads.resume': notYet,
    'projects.setSetup': notYet,
    'settings.get': notYet,
    'settings.set': notYet,
  };
}
