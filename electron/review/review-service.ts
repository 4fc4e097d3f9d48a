import nodePath from 'node:path';
import type { ParsedRequestOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { VerificationView } from '../../shared/contract/review';
import { reviewWatchLeaseMs } from '../../shared/limits';
import type { Thread } from '../../shared/models';
import type { FileDiff, ReviewDetails, ReviewSection, ReviewSummary } from '../../shared/review';
import type { ReviewComment } from '../../shared/review-comments';
import type { ReviewDecision } from '../../shared/review-decision';
import type { ReviewSettings } from '../../shared/review-settings';
import type { VerificationRun } from '../../shared/review-verification';
import type { ViewedFiles } from '../../shared/review-viewed';
import { revParse } from '../git/refs';
import type { DomainServiceOptions } from '../threads/domain-service-options';
import { CommentBook } from './comment-book';
import { readFileDiff } from './read-file-diff';
import { fileId, type SummaryResult } from './read-review-summary';
import { ReviewFile } from './review-file';
import { SummaryCache } from './summary-cache';
import { VerificationRuns } from './verification-runs';
import { WatchLeases } from './watch-leases';
import { WorktreeWatcher } from './worktree-watcher';

/** A path relative to the worktree that stays inside it: not absolute, no `..` segment, no NUL. */
function isPlainRelativePath(filePath: string): boolean {
  if (filePath.includes('\0') || nodePath.isAbsolute(filePath)) return false;
  return !filePath.split(/[\\/]/).includes('..');
}

export interface ReviewServiceOptions extends DomainServiceOptions {
  /** How long a window's `review.watch` holds before it must renew it. */
  readonly watchLeaseMs?: number;
  /** Quiet time before a burst of worktree changes refreshes the summary. */
  readonly watchDebounceMs?: number;
}

type Decision = ReviewDecision['state'];

/** Diffs read with a list for the window waiting for it: the first files, which it shows first. */
const prefetchedDiffs = 2;
const maxPrefetched = 8;

/**
 * Everything behind the review pane: summaries and per-file diffs read from the worktree,
 * watching a worktree while a window shows its review, comments to the agent, verification runs
 * and the verdict. Keeps its own data (comments, runs, settings) in `review.json`.
 */
export class ReviewService {
  private readonly summaries: SummaryCache;
  /** Diffs read ahead of the window's request for them (the first files of a list it waits for). */
  private readonly prefetched = new Map<string, Promise<FileDiff>>();
  private readonly leases: WatchLeases;
  private readonly watchers = new Map<string, WorktreeWatcher>();
  private readonly comments: CommentBook;
  private readonly verification: VerificationRuns;
  private readonly unsubscribe: () => void;
  /** Removed threads whose review data is still being dropped. */
  private readonly forgetting = new Set<Promise<void>>();

  private constructor(
    private readonly options: ReviewServiceOptions,
    private readonly store: ReviewFile,
  ) {
    const { state, events, log } = options;
    this.summaries = new SummaryCache(
      (threadId) => state.thread(threadId),
      (projectId) => store.settings(projectId).hazardPatterns,
      (threadId, revision) => events.emit('review.changed', { threadId, what: 'files', revision }),
      log,
      (threadId, list) => this.prefetchFirstFiles(threadId, list),
    );
    this.leases = new WatchLeases(
      options.watchLeaseMs ?? reviewWatchLeaseMs,
      (threadId) => this.startWatching(threadId),
      (threadId) => this.stopWatching(threadId),
    );
    this.comments = new CommentBook(
      store,
      (threadId, message) => options.threads.sendMessage(threadId, message),
      (threadId) => this.announce(threadId, 'comments'),
    );
    this.verification = new VerificationRuns(
      store,
      (projectId) => store.settings(projectId).verificationShell,
      (threadId, runId, data) => events.emit('review.verification.output', { threadId, runId, data }),
      (threadId) => this.announce(threadId, 'verification'),
      log,
    );
    /** Thread → the merge commit its summary was last read again for. */
    const mergedSeen = new Map<string, string>();
    // A removed thread takes its watcher, running verification and review data with it.
    const unsubscribeRemoved = events.on('thread.removed', ({ threadId }) => {
      mergedSeen.delete(threadId);
      const forgetting = this.forgetThread(threadId).finally(() => this.forgetting.delete(forgetting));
      this.forgetting.add(forgetting);
    });
    // A merge moves the base, not the worktree: no watcher sees it, so the summary is read again
    // (it is what the review pane shows right after "Merge into <base>").
    const unsubscribeUpdated = events.on('thread.updated', (thread) => {
      const commit = thread.merged?.commit;
      if (!commit || mergedSeen.get(thread.id) === commit) return;
      mergedSeen.set(thread.id, commit);
      if (this.summaries.latest(thread.id)) this.summaries.invalidate(thread.id);
    });
    this.unsubscribe = () => {
      unsubscribeRemoved();
      unsubscribeUpdated();
    };
  }

  static async open(options: ReviewServiceOptions): Promise<ReviewService> {
    const store = await ReviewFile.open(options.dataDir);
    if (store.problem) options.log(`[switchyard] ${store.problem}`);
    return new ReviewService(options, store);
  }

  /**
   * The thread's review summary. With `detailsLater` it comes as soon as git has listed the files
   * (`detailsPending`), and `details` brings what git is still working out: line counts, commits,
   * behind/ahead, the changelog check.
   */
  async summary(threadId: string, options: { detailsLater?: boolean } = {}): Promise<ReviewSummary> {
    const thread = this.options.state.thread(threadId);
    const { summary } = await this.summaries.current(
      threadId,
      this.leases.isWatched(threadId),
      options.detailsLater === true,
    );
    // The verdict can change without the worktree changing.
    return { ...summary, approvalStale: thread.review.state === 'approved' && thread.review.commit !== summary.head };
  }

  /** The details of the summary with `revision` (or of the current one, when it moved on). */
  details(threadId: string, revision: string): Promise<ReviewDetails> {
    this.options.state.thread(threadId);
    return this.summaries.details(threadId, revision, this.leases.isWatched(threadId));
  }

  /**
   * One file's diff. Only a file the summary lists in that section is read, with the old path the
   * summary has for it: the request names a file of the review, never a path to read (an absolute
   * path or one through `..` would otherwise reach any file the host can read).
   */
  async file(request: ParsedRequestOf<'review.file'>): Promise<FileDiff> {
    const thread = this.options.state.thread(request.threadId);
    const { section, path, full } = request;
    if (!isPlainRelativePath(path)) {
      throw new AppError('invalid-request', `"${path}" is not a path inside the worktree.`);
    }
    const id = fileId(section, path);
    let result = this.summaries.latest(thread.id);
    if (!result?.files.has(id)) {
      // The window may list a file newer than the last summary read here: read it again, once.
      result = await this.summaries.current(thread.id, this.leases.isWatched(thread.id), true);
    }
    const listed = result.files.get(id);
    if (!listed) {
      throw new AppError(
        'not-found',
        `${path} is not among the ${section} files of this review (it may have changed since); reload the review.`,
      );
    }
    return this.readDiff(thread.worktreePath, result, { section, path, oldPath: listed.wire.oldPath, full });
  }

  /** `viewer` is the window showing the review; each holds its own lease. */
  watch(threadId: string, viewer: { readonly id: string }): { leaseMs: number } {
    this.options.state.thread(threadId);
    this.leases.renew(threadId, viewer.id);
    return { leaseMs: this.leases.leaseMs };
  }

  unwatch(threadId: string, viewer: { readonly id: string }): { watching: boolean } {
    this.leases.release(threadId, viewer.id);
    return { watching: this.leases.isWatched(threadId) };
  }

  /** Threads whose worktree is being watched now (for tests and diagnostics). */
  watchedThreads(): string[] {
    return [...this.watchers.keys()];
  }

  listComments(threadId: string): ReviewComment[] {
    this.options.state.thread(threadId);
    return this.comments.list(threadId);
  }

  addComment(request: ParsedRequestOf<'review.comments.add'>): Promise<ReviewComment> {
    this.options.state.thread(request.threadId);
    return this.comments.add(request, this.summaries.latest(request.threadId)?.summary.head ?? null);
  }

  editComment(threadId: string, commentId: string, body: string): Promise<ReviewComment> {
    return this.comments.edit(threadId, commentId, body);
  }

  deleteComment(threadId: string, commentId: string): Promise<boolean> {
    return this.comments.delete(threadId, commentId);
  }

  resolveComment(threadId: string, commentId: string, resolved: boolean): Promise<ReviewComment> {
    return this.comments.resolve(threadId, commentId, resolved);
  }

  /** A reviewer agent's findings, added as draft comments the dispatcher keeps, edits, dismisses or sends. */
  /** A reviewer run's comments; they replace earlier runs' untouched drafts (CommentBook.addReviewerRun). */
  addReviewerComments(threadId: string, comments: readonly ReviewComment[]): Promise<{ replaced: number }> {
    this.options.state.thread(threadId);
    const runId = comments.find((c) => c.author)?.author?.runId ?? '';
    return this.comments.addReviewerRun(threadId, runId, comments);
  }

  sendComments(threadId: string): Promise<{ sent: ReviewComment[]; message: string }> {
    this.options.state.thread(threadId);
    return this.comments.sendDrafts(threadId);
  }

  viewedFiles(threadId: string): ViewedFiles {
    this.options.state.thread(threadId);
    return this.store.viewed(threadId);
  }

  /** Marks a file viewed at the version the window shows (or clears the mark), for every window. */
  async setViewed(threadId: string, fileId: string, version: string, viewed: boolean): Promise<ViewedFiles> {
    this.options.state.thread(threadId);
    const marks = await this.store.putViewed(threadId, fileId, viewed ? version : null);
    this.announce(threadId, 'viewed');
    return marks;
  }

  verificationView(threadId: string): Promise<VerificationView> {
    return this.verification.view(this.options.state.thread(threadId));
  }

  runVerification(threadId: string, index: number): Promise<VerificationRun> {
    return this.verification.start(this.options.state.thread(threadId), index);
  }

  cancelVerification(threadId: string, runId: string): boolean {
    return this.verification.cancel(threadId, runId);
  }

  /**
   * Records the verdict on the branch's current tip. Requesting changes first sends the draft
   * comments (refused, changing nothing, when the agent is not running); rejecting stops the
   * agent and archives the thread, keeping its branch.
   */
  async decide(threadId: string, decision: Decision): Promise<Thread> {
    const { state, threads } = this.options;
    const thread = state.thread(threadId);
    if (decision === 'changes-requested' && this.comments.drafts(threadId).length > 0) {
      await this.comments.sendDrafts(threadId);
    }
    if (decision === 'rejected' && threads.isActive(threadId)) await threads.stop(threadId);
    const commit = decision === 'unreviewed' ? null : await this.branchTip(thread);
    const review: ReviewDecision = {
      state: decision,
      commit,
      at: decision === 'unreviewed' ? null : new Date().toISOString(),
    };
    const next = await threads.recordReview(threadId, review, decision === 'rejected');
    this.announce(threadId, 'decision');
    return next;
  }

  settings(projectId: string): ReviewSettings {
    this.options.state.project(projectId);
    return this.store.settings(projectId);
  }

  async setSettings(
    projectId: string,
    change: { hazardPatterns?: string[] | undefined; verificationShell?: string | null | undefined },
  ): Promise<ReviewSettings> {
    const current = this.settings(projectId);
    const next: ReviewSettings = {
      hazardPatterns: change.hazardPatterns ?? current.hazardPatterns,
      verificationShell: change.verificationShell === undefined ? current.verificationShell : change.verificationShell,
    };
    await this.store.putSettings(projectId, next);
    // Hazard flags are part of every summary of the project.
    for (const thread of this.options.state.threads()) {
      if (thread.projectId !== projectId) continue;
      this.summaries.markStale(thread.id);
      this.announce(thread.id, 'files');
    }
    return next;
  }

  /** Stops watchers and running verifications. */
  async shutdown(): Promise<void> {
    this.unsubscribe();
    this.leases.close();
    await this.verification.stopAll();
    // A removal just before shutdown drops the thread's review data in a write still under way.
    await Promise.all(this.forgetting);
    await this.store.flush();
  }

  private readDiff(
    worktree: string,
    result: SummaryResult,
    request: { section: ReviewSection; path: string; oldPath: string | null; full: boolean },
  ): Promise<FileDiff> {
    const listed = result.files.get(fileId(request.section, request.path));
    const { base } = result;
    const { head } = result.summary;
    const key = JSON.stringify([worktree, base, head, request, listed?.wire.version ?? null]);
    const ready = this.prefetched.get(key);
    if (ready) {
      this.prefetched.delete(key);
      return ready;
    }
    return readFileDiff(worktree, { base, head }, request, listed);
  }

  /** The window that asked for this list will ask for its first files' diffs next: start on them. */
  private prefetchFirstFiles(threadId: string, list: SummaryResult): Promise<unknown> {
    const worktree = this.options.state.thread(threadId).worktreePath;
    const { base } = list;
    const { head } = list.summary;
    const diffs: Array<Promise<FileDiff>> = [];
    for (const file of list.summary.files.slice(0, prefetchedDiffs)) {
      const request = { section: file.section, path: file.path, oldPath: file.oldPath, full: false };
      const key = JSON.stringify([worktree, base, head, request, file.version]);
      const diff = readFileDiff(worktree, { base, head }, request, list.files.get(file.id));
      diff.catch(() => this.prefetched.delete(key));
      this.prefetched.set(key, diff);
      diffs.push(diff);
      while (this.prefetched.size > maxPrefetched)
        this.prefetched.delete(this.prefetched.keys().next().value as string);
    }
    return Promise.allSettled(diffs);
  }

  /** The tip of the thread's branch, read from the repository so it works without the worktree too. */
  private async branchTip(thread: Thread): Promise<string> {
    const project = this.options.state.project(thread.projectId);
    return revParse(project.path, `refs/heads/${thread.branch}`);
  }

  private announce(threadId: string, what: 'files' | 'comments' | 'verification' | 'decision' | 'viewed'): void {
    this.options.events.emit('review.changed', { threadId, what, revision: null });
  }

  private startWatching(threadId: string): void {
    const thread = this.options.state.thread(threadId);
    const watcher = new WorktreeWatcher(thread.worktreePath, () => this.summaries.invalidate(threadId), {
      debounceMs: this.options.watchDebounceMs ?? 300,
      log: this.options.log,
    });
    this.watchers.set(threadId, watcher);
    // Changes made before the watch took hold would go unseen: start from a fresh summary.
    this.summaries.markStale(threadId);
    // The window that asked is usually waiting for the file list: its git calls go first.
    void this.summaries
      .settled(threadId)
      .then(() => (this.watchers.get(threadId) === watcher ? watcher.start() : undefined))
      .catch((error: unknown) => {
        this.options.log(`[switchyard] review: cannot watch ${thread.worktreePath}: ${(error as Error).message}`);
      });
  }

  private stopWatching(threadId: string): void {
    this.watchers.get(threadId)?.close();
    this.watchers.delete(threadId);
    // Without a watcher nothing keeps the cached summary current.
    this.summaries.markStale(threadId);
  }

  private async forgetThread(threadId: string): Promise<void> {
    this.leases.releaseAll(threadId);
    this.summaries.forget(threadId);
    for (const run of this.store.runs(threadId)) this.verification.cancel(threadId, run.id);
    await this.store.forgetThread(threadId).catch((error: unknown) => {
      this.options.log(`[switchyard] review: could not drop the review data of ${threadId}: ${String(error)}`);
    });
  }
}
