import {
  type ChannelsOf,
  isRequestChannel,
  type ParsedRequestOf,
  type RequestChannel,
  requestContract,
  type ResponseOf,
  type Result,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { maxIssuesNamed, maxRequestValues } from '../../shared/limits';
import { GitError } from '../git/core';
import { describeGitError } from '../git/describe-git-error';
import { type ClientLink, detachedClient } from './client-link';
import { withinValueBudget } from './payload-budget';

export type Handlers = {
  [C in RequestChannel]: (request: ParsedRequestOf<C>, client: ClientLink) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** The handlers of one contract group's channels, e.g. `HandlersOf<typeof threadsContract>`. */
export type HandlersOf<Group extends { readonly requests: object }> = Pick<Handlers, ChannelsOf<Group>>;

/** Runs one request; `client` is the window it came from (default: none). */
export type Dispatch = (channel: unknown, payload: unknown, client?: ClientLink) => Promise<Result<unknown>>;

/**
 * The single entry for every request from any renderer: checks the channel and the payload
 * against the contract, runs the handler, and turns every failure into a typed error. Nothing
 * a renderer sends can crash the main process.
 */
export function createRequestRouter(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (channel, payload, client = detachedClient) => {
    if (!isRequestChannel(channel)) {
      return failure(new AppError('invalid-request', `Unknown request channel "${String(channel)}".`));
    }
    if (!withinValueBudget(payload, maxRequestValues)) {
      const most = maxRequestValues.toLocaleString('en-US');
      return failure(
        new AppError('invalid-request', `Invalid ${channel} request — it holds more than ${most} values.`),
      );
    }
    const parsed = requestContract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return failure(invalidRequest(channel, parsed.error.issues));
    try {
      const handler = handlers[channel] as (request: unknown, client: ClientLink) => unknown;
      return { ok: true, value: await handler(parsed.data, client) };
    } catch (error) {
      if (error instanceof AppError) return failure(error);
      if (error instanceof GitError) {
        log(`[switchyard] ${channel}: ${error.message}`);
        return failure(describeGitError(error));
      }
      log(`[switchyard] ${channel} failed: ${(error as Error)?.stack ?? String(error)}`);
      return failure(
        new AppError('internal', `Something went wrong in ${channel}: ${(error as Error)?.message ?? String(error)}`),
      );
    }
  };
}

/** The first few issues, so an answer stays short however much of the request was wrong. */
function invalidRequest(channel: string, issues: readonly { path: PropertyKey[]; message: string }[]): AppError {
  const named = issues
    .slice(0, maxIssuesNamed)
    .map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`);
  const more = issues.length > maxIssuesNamed ? `; and ${issues.length - maxIssuesNamed} more` : '';
  return new AppError('invalid-request', `Invalid ${channel} request — ${named.join('; ')}${more}`);
}

function failure(error: AppError): Result<never> {
  return { ok: false, error: error.toWire() };
}
