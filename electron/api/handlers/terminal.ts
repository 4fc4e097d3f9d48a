import type { terminalContract } from '../../../shared/contract/terminal';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** A thread's terminal; `client` is the window asking, which gets the thread's output while attached. */
export function terminalHandlers({ threads }: HandlerDeps): HandlersOf<typeof terminalContract> {
  return {
    'terminal.attach': ({ threadId }, client) => threads.attach(threadId, client),
    'terminal.detach': ({ threadId }, client) => ({ detached: threads.detach(threadId, client) }),
    'terminal.ack': ({ threadId, chars }, client) => {
      threads.ack(threadId, client, chars);
      return {};
    },
    'terminal.input': ({ threadId, data }) => ({ accepted: threads.input(threadId, data) }),
    'terminal.resize': ({ threadId, cols, rows }) => ({ resized: threads.resize(threadId, cols, rows) }),
  };
}
