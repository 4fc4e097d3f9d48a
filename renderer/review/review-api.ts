import type { RequestChannel, RequestOf, ResponseOf, Result } from '../../shared/contract';
import type { FileDiff, ReviewFile } from '../../shared/review';
import { getBridge } from '../transport/bridge';
import { notify, settleNotices } from '../state/notices-store';
import { useThreadsStore } from '../state/threads-store';
import { useReviewPaneStore } from './review-pane-store';

function invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return getBridge().invoke(channel, request);
}

/** Loaded file diffs by thread, file, version and fullness; bounded, oldest dropped first. */
const fileDiffs = new Map<string, Promise<Result<FileDiff>>>();
const maxCachedDiffs = 300;

/**
 * File diffs asked of the host at once. Each costs a git process there, and the host, git and this
 * window share the machine's cores: a fast scroll through hundreds of files queues here instead
 * of starving the window that draws them.
 */
const maxFileRequests = 2;
let fileRequests = 0;
const waitingFileRequests: Array<() => void> = [];

async function limitedFileRequest<T>(request: () => Promise<T>): Promise<T> {
  if (fileRequests >= maxFileRequests) await new Promise<void>((resolve) => waitingFileRequests.push(resolve));
  else fileRequests++;
  try {
    return await request();
  } finally {
    const next = waitingFileRequests.shift();
    if (next) next();
    else fileRequests--;
  }
}

export function loadFileDiff(threadId: string, file: ReviewFile, full: boolean): Promise<Result<FileDiff>> {
  const key = `${threadId}\n${file.id}\n${file.version}\n${full}`;
  const cached = fileDiffs.get(key);
  if (cached) return cached;
  const loading = limitedFileRequest(() =>
    invoke('review.file', { threadId, section: file.section, path: file.path, oldPath: file.oldPath, full }),
  );
  fileDiffs.set(key, loading);
  // A failure is not kept: the next look tries again.
  void loading.then((result) => {
    if (!result.ok) fileDiffs.delete(key);
  });
  if (fileDiffs.size > maxCachedDiffs) fileDiffs.delete(fileDiffs.keys().next().value as string);
  return loading;
}

let summaryRequest = 0;

/** Files whose diffs are asked for with the list, before their blocks are even on the page. */
export const prefetchedDiffs = 2;

/** Resolves when the window is next idle (or after `timeoutMs` at the latest). */
function windowIdle(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}

/**
 * Loads the summary in two steps: the file list as soon as the host has it, then its details
 * (line counts, commits, behind/ahead, changelog check). The first files' diffs are asked for the
 * moment the list arrives, since their blocks will be the first on screen; the details only once
 * those diffs are in and the window is idle: their git calls (a numstat of every file) are the
 * costliest of all, and would otherwise compete for the cores with drawing what the dispatcher
 * waits to see. `onList` runs once the list is in the store (or the request failed); the promise
 * resolves when the details are too.
 */
export async function reloadSummary(threadId: string, onList?: () => void): Promise<void> {
  const store = useReviewPaneStore.getState();
  const request = ++summaryRequest;
  store.setLoadingSummary(true);
  const result = await invoke('review.summary', { threadId, detailsLater: true });
  // Only the newest request's answer counts; an older one may describe an older worktree.
  if (request !== summaryRequest) return;
  const firstDiffs = result.ok
    ? result.value.files.slice(0, prefetchedDiffs).map((file) => loadFileDiff(threadId, file, false))
    : [];
  store.setSummary(threadId, result.ok ? result.value : null, result.ok ? null : result.error);
  onList?.();
  if (!result.ok || !result.value.detailsPending) {
    store.setLoadingSummary(false);
    return;
  }
  await Promise.allSettled(firstDiffs);
  await windowIdle(detailsDelayMs);
  if (request !== summaryRequest) return;
  await applyDetails(threadId, request, loadDetails(threadId, result.value.revision));
}

/** The longest the details wait for an idle window after the first diffs are in. */
const detailsDelayMs = 300;

async function applyDetails(threadId: string, request: number, details: ReturnType<typeof loadDetails>) {
  const answer = await details;
  if (request !== summaryRequest) return;
  const store = useReviewPaneStore.getState();
  store.setLoadingSummary(false);
  if (!answer.ok) {
    store.setSummary(threadId, null, answer.error);
    return;
  }
  // Details of another revision: the worktree moved on meanwhile; list it again.
  if (!store.applyDetails(answer.value) && store.threadId === threadId && store.summary?.detailsPending) {
    void reloadSummary(threadId);
  }
}

function loadDetails(threadId: string, revision: string) {
  return invoke('review.details', { threadId, revision });
}

export async function reloadComments(threadId: string): Promise<void> {
  const result = await invoke('review.comments.list', { threadId });
  if (result.ok) useReviewPaneStore.getState().setComments(threadId, result.value);
}

export async function reloadViewed(threadId: string): Promise<void> {
  const result = await invoke('review.viewed.list', { threadId });
  if (result.ok) useReviewPaneStore.getState().setViewed(threadId, result.value);
}

export async function reloadVerification(threadId: string): Promise<void> {
  const result = await invoke('review.verification.list', { threadId });
  if (result.ok) useReviewPaneStore.getState().setVerification(threadId, result.value);
}

/** A failure becomes a toast; the same action succeeding later takes its stale toast away. */
function reportFailure<T>(title: string, result: Result<T>): Result<T> {
  if (!result.ok) notify({ tone: 'error', title, message: result.error.message, action: title });
  else settleNotices(title);
  return result;
}

export const reviewActions = {
  async addComment(request: RequestOf<'review.comments.add'>) {
    const result = await invoke('review.comments.add', request);
    if (result.ok) await reloadComments(request.threadId);
    return result;
  },
  async editComment(threadId: string, commentId: string, body: string) {
    const result = await invoke('review.comments.edit', { threadId, commentId, body });
    await reloadComments(threadId);
    return result;
  },
  async deleteComment(threadId: string, commentId: string) {
    reportFailure('Could not delete the comment', await invoke('review.comments.delete', { threadId, commentId }));
    await reloadComments(threadId);
  },
  async resolveComment(threadId: string, commentId: string, resolved: boolean) {
    reportFailure(
      'Could not change the comment',
      await invoke('review.comments.resolve', { threadId, commentId, resolved }),
    );
    await reloadComments(threadId);
  },
  async sendComments(threadId: string) {
    const result = reportFailure('Could not send the comments', await invoke('review.comments.send', { threadId }));
    await reloadComments(threadId);
    return result;
  },
  /** Marks the file viewed at the version shown (or clears the mark); the pane follows at once. */
  async setViewed(threadId: string, file: ReviewFile, viewed: boolean) {
    const store = useReviewPaneStore.getState();
    const { [file.id]: _previous, ...others } = store.viewed;
    store.setViewed(threadId, viewed ? { ...others, [file.id]: file.version } : others);
    const result = reportFailure(
      'Could not mark the file',
      await invoke('review.viewed.set', { threadId, fileId: file.id, version: file.version, viewed }),
    );
    if (result.ok) useReviewPaneStore.getState().setViewed(threadId, result.value);
    else await reloadViewed(threadId);
  },
  async runVerification(threadId: string, index: number) {
    const result = reportFailure(
      'Could not run the verification command',
      await invoke('review.verification.run', { threadId, index }),
    );
    await reloadVerification(threadId);
    return result;
  },
  async cancelVerification(threadId: string, runId: string) {
    await invoke('review.verification.cancel', { threadId, runId });
  },
  async decide(threadId: string, decision: RequestOf<'review.decide'>['decision']) {
    const result = reportFailure(
      'Could not record the decision',
      await invoke('review.decide', { threadId, decision }),
    );
    if (result.ok) useThreadsStore.getState().upsert(result.value);
    await reloadComments(threadId);
    return result;
  },
  settings(projectId: string) {
    return invoke('review.settings.get', { projectId });
  },
  saveSettings(request: RequestOf<'review.settings.set'>) {
    return invoke('review.settings.set', request);
  },
  watch(threadId: string) {
    return invoke('review.watch', { threadId });
  },
  unwatch(threadId: string) {
    return invoke('review.unwatch', { threadId });
  },
};
