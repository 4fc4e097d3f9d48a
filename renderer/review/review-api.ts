import type { RequestChannel, RequestOf, ResponseOf, Result } from '../../shared/contract';
import type { FileDiff, ReviewFile } from '../../shared/review';
import { getBridge } from '../transport/bridge';
import { notify } from '../state/notices-store';
import { useThreadsStore } from '../state/threads-store';
import { useReviewStore } from './review-store';

function invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return getBridge().invoke(channel, request);
}

/** Loaded file diffs by thread, file, version and fullness; bounded, oldest dropped first. */
const fileDiffs = new Map<string, Promise<Result<FileDiff>>>();
const maxCachedDiffs = 300;

export function loadFileDiff(threadId: string, file: ReviewFile, full: boolean): Promise<Result<FileDiff>> {
  const key = `${threadId}\n${file.id}\n${file.version}\n${full}`;
  const cached = fileDiffs.get(key);
  if (cached) return cached;
  const loading = invoke('review.file', {
    threadId,
    section: file.section,
    path: file.path,
    oldPath: file.oldPath,
    full,
  });
  fileDiffs.set(key, loading);
  // A failure is not kept: the next look tries again.
  void loading.then((result) => {
    if (!result.ok) fileDiffs.delete(key);
  });
  if (fileDiffs.size > maxCachedDiffs) fileDiffs.delete(fileDiffs.keys().next().value as string);
  return loading;
}

let summaryRequest = 0;

export async function reloadSummary(threadId: string): Promise<void> {
  const store = useReviewStore.getState();
  const request = ++summaryRequest;
  store.setLoadingSummary(true);
  const result = await invoke('review.summary', { threadId });
  // Only the newest request's answer counts; an older one may describe an older worktree.
  if (request !== summaryRequest) return;
  store.setLoadingSummary(false);
  store.setSummary(threadId, result.ok ? result.value : null, result.ok ? null : result.error);
}

export async function reloadComments(threadId: string): Promise<void> {
  const result = await invoke('review.comments.list', { threadId });
  if (result.ok) useReviewStore.getState().setComments(threadId, result.value);
}

export async function reloadVerification(threadId: string): Promise<void> {
  const result = await invoke('review.verification.list', { threadId });
  if (result.ok) useReviewStore.getState().setVerification(threadId, result.value);
}

function reportFailure<T>(title: string, result: Result<T>): Result<T> {
  if (!result.ok) notify({ tone: 'error', title, message: result.error.message });
  return result;
}

export const reviewActions = {
  async addComment(request: RequestOf<'review.comments.add'>) {
    const result = await invoke('review.comments.add', request);
    if (result.ok) await reloadComments(request.threadId);
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
