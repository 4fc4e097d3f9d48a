import type { terminalContract } from '../../../shared/contract/terminal';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** A thread's terminals (`terminal`: the agent's by default, or its shell); `client` is the window asking, which gets the thread's output while attached. */
export function terminalHandlers({ terminals }: HandlerDeps): HandlersOf<typeof terminalContract> {
  return {
    'terminal.attach': ({ threadId, terminal }, client) => terminals.attach(threadId, client, terminal),
    'terminal.detach': ({ threadId, terminal }, client) => ({ detached: terminals.detach(threadId, client, terminal) }),
    'terminal.ack': ({ threadId, terminal, chars }, client) => {
      terminals.ack(threadId, client, chars, terminal);
      return {};
    },
    'terminal.input': ({ threadId, terminal, data }) => ({ accepted: terminals.input(threadId, data, terminal) }),
    'terminal.resize': ({ threadId, terminal, cols, rows }) => ({
      resized: terminals.resize(threadId, cols, rows, terminal),
    }),
  };
}
