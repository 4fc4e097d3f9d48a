import { randomUUID } from 'node:crypto';
import type { ParsedRequestOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatReviewMessage, type ReviewComment } from '../../shared/review-comments';
import type { ReviewFile } from './review-file';

/** Comments a thread's review leaves for its agent: draft → sent → resolved, kept in review.json. */
export class CommentBook {
  constructor(
    private readonly store: ReviewFile,
    /** Types the message into the agent's terminal; throws when the agent is not running. */
    private readonly deliver: (threadId: string, message: string) => void,
    private readonly changed: (threadId: string) => void,
  ) {}

  list(threadId: string): ReviewComment[] {
    return sortForReading(this.store.comments(threadId));
  }

  async add(request: ParsedRequestOf<'review.comments.add'>, commit: string | null): Promise<ReviewComment> {
    const comment: ReviewComment = {
      id: randomUUID(),
      threadId: request.threadId,
      path: request.path,
      section: request.section,
      side: request.side,
      startLine: request.startLine,
      endLine: request.endLine,
      quote: request.quote,
      body: request.body,
      state: 'draft',
      commit,
      createdAt: new Date().toISOString(),
      sentAt: null,
      resolvedAt: null,
    };
    await this.store.putComments([comment]);
    this.changed(request.threadId);
    return comment;
  }

  /**
   * A reviewer run's findings, added as drafts in one write. They replace what earlier reviewer
   * runs left that the dispatcher has not touched (still a draft, never edited): a fresh opinion
   * supersedes a stale one, while what the dispatcher edited or sent stays theirs.
   */
  async addReviewerRun(
    threadId: string,
    runId: string,
    comments: readonly ReviewComment[],
  ): Promise<{ replaced: number }> {
    const stale = new Set(
      this.store
        .comments(threadId)
        .filter((c) => c.author?.kind === 'reviewer' && c.author.runId !== runId && c.state === 'draft' && !c.editedAt)
        .map((c) => c.id),
    );
    if (stale.size === 0 && comments.length === 0) return { replaced: 0 };
    await this.store.replaceComments(threadId, stale, comments);
    this.changed(threadId);
    return { replaced: stale.size };
  }

  async edit(threadId: string, commentId: string, body: string): Promise<ReviewComment> {
    const comment = this.store.comment(threadId, commentId);
    if (comment.state !== 'draft') {
      throw new AppError('invalid-request', 'This comment was already sent to the agent; write a new one instead.');
    }
    const next = { ...comment, body, editedAt: new Date().toISOString() };
    await this.store.putComments([next]);
    this.changed(threadId);
    return next;
  }

  async delete(threadId: string, commentId: string): Promise<boolean> {
    const deleted = await this.store.deleteComment(threadId, commentId);
    if (deleted) this.changed(threadId);
    return deleted;
  }

  async resolve(threadId: string, commentId: string, resolved: boolean): Promise<ReviewComment> {
    const comment = this.store.comment(threadId, commentId);
    if (comment.state === 'draft' && resolved) {
      throw new AppError('invalid-request', 'Send this comment to the agent (or delete it) before resolving it.');
    }
    const next: ReviewComment = resolved
      ? { ...comment, state: 'resolved', resolvedAt: new Date().toISOString() }
      : { ...comment, state: comment.sentAt ? 'sent' : 'draft', resolvedAt: null };
    await this.store.putComments([next]);
    this.changed(threadId);
    return next;
  }

  drafts(threadId: string): ReviewComment[] {
    return this.list(threadId).filter((c) => c.state === 'draft');
  }

  /** Sends every draft as one message through the agent's terminal, then marks them sent. */
  async sendDrafts(threadId: string): Promise<{ sent: ReviewComment[]; message: string }> {
    const drafts = this.drafts(threadId);
    if (drafts.length === 0) {
      throw new AppError('invalid-request', 'There are no draft comments to send; click a diff line to write one.');
    }
    const message = formatReviewMessage(drafts);
    this.deliver(threadId, message);
    const sentAt = new Date().toISOString();
    const sent = drafts.map((c) => ({ ...c, state: 'sent' as const, sentAt }));
    await this.store.putComments(sent);
    this.changed(threadId);
    return { sent, message };
  }
}

/** In file order, then line order: the order a reader (and the agent) goes through them. */
function sortForReading(comments: ReviewComment[]): ReviewComment[] {
  return [...comments].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.startLine - b.startLine ||
      a.side.localeCompare(b.side) ||
      a.createdAt.localeCompare(b.createdAt),
  );
}
