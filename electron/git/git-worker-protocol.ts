import type { GitInvocation, GitResult } from './git-process';

/** Main thread → git worker: run this git process. */
export interface GitWorkerRequest {
  readonly id: number;
  readonly invocation: GitInvocation;
}

/** Git worker → main thread: how it ended, or why git could not run at all. */
export type GitWorkerReply =
  { readonly id: number; readonly result: GitResult } | { readonly id: number; readonly error: string };
