import type { terminalContract } from '../../../shared/contract/terminal';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** A thread's terminal; `client` is the window asking, which gets the thread's output while attached. */
export function terminalHandlers({ terminals }: HandlerDeps): HandlersOf<typeof terminalContract> {
  return {
    'terminal.attach': ({ threadId }, client) => terminals.attach(threadId, client),
    'terminal.detach': ({ threadId }, client) => ({ detached: terminals.detach(threadId, client) }),
    'terminal.ack': ({ threadId, chars }, client) => {
      terminals.ack(threadId, client, chars);
      return {};
    },
    'terminal.input': ({ threadId, data }) => ({ accepted: terminals.input(threadId, data) }),
    'terminal.resize': ({ threadId, cols, rows }) => ({ resized: terminals.resize(threadId, cols, rows) }),
  };
}
