import { useMemo } from 'react';
import type { ReviewFile } from '../../shared/review';
import { commentLocation, type ReviewComment } from '../../shared/review-comments';
import { followUpQueuedMessage } from '../../shared/follow-ups';
import { notify } from '../state/notices-store';
import { useThreadsStore } from '../state/threads-store';
import { reviewActions } from './review-api';
import { ResolveToggle } from './resolve-toggle';
import { ReviewerBadge } from './reviewer-badge';
import { useReviewPaneStore } from './review-pane-store';

/**
 * Types every draft comment into the agent's terminal (from the list or from a comment inline):
 * at once when it is ready for input, else through its follow-up queue, which the notice says.
 */
export async function sendDraftsToAgent(threadId: string) {
  const result = await reviewActions.sendComments(threadId);
  if (result.ok && useThreadsStore.getState().byId[threadId]?.status !== 'idle') {
    notify({ tone: 'info', title: 'Comments queued', message: followUpQueuedMessage });
  }
  return result;
}

/**
 * Every comment on the thread: drafts to send, sent ones to resolve. Each is also shown under its
 * line in the diff; clicking one here scrolls to it there. A comment whose file or lines are no
 * longer in the diff is outdated: it is only here.
 */
export function CommentsPanel({
  threadId,
  comments,
  files,
}: {
  threadId: string;
  comments: readonly ReviewComment[];
  files: readonly ReviewFile[];
}) {
  const drafts = comments.filter((c) => c.state === 'draft');
  const outdatedByFile = useReviewPaneStore((state) => state.outdatedByFile);
  const outdated = useMemo(() => {
    const listed = new Set(files.map((file) => file.id));
    const marked = new Set(Object.values(outdatedByFile).flat());
    return new Set(
      comments
        .filter((c) => (c.path !== '' && !listed.has(`${c.section}:${c.path}`)) || marked.has(c.id))
        .map((c) => c.id),
    );
  }, [comments, files, outdatedByFile]);
  const goTo = (comment: ReviewComment) => {
    // A reviewer's general note points at no file.
    if (comment.path === '') return;
    const store = useReviewPaneStore.getState();
    if (!outdated.has(comment.id)) store.focusComment(comment.id);
    store.focusFile(`${comment.section}:${comment.path}`);
  };
  return (
    <div className="review-comments" data-testid="review-comments">
      {comments.length === 0 && <p className="muted small">Click a line number in the diff to comment on it.</p>}
      <ul>
        {comments.map((comment) => (
          <li
            key={comment.id}
            className={`review-comment state-${comment.state}`}
            data-testid="review-comment"
            data-state={comment.state}
            data-comment-id={comment.id}
            data-outdated={outdated.has(comment.id) ? 'true' : undefined}
          >
            <button
              type="button"
              className="link-button mono small"
              data-testid="review-comment-go"
              title={outdated.has(comment.id) ? 'Go to the file' : 'Go to the comment in the diff'}
              onClick={() => goTo(comment)}
            >
              {commentLocation(comment)}
            </button>
            <span className={`comment-state state-${comment.state}`}>{comment.state}</span>
            <ReviewerBadge comment={comment} />
            {outdated.has(comment.id) && (
              <span
                className="comment-state outdated"
                data-testid="comment-outdated"
                title="The lines it points at are no longer in the diff (or read differently now)"
              >
                outdated
              </span>
            )}
            <p className="comment-body">{comment.body}</p>
            <div className="row">
              {comment.state === 'draft' && (
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => void reviewActions.deleteComment(threadId, comment.id)}
                >
                  Delete
                </button>
              )}
              <ResolveToggle threadId={threadId} comment={comment} testIdPrefix="comment" />
            </div>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button small"
        data-testid="comments-send"
        disabled={drafts.length === 0}
        title="Types the draft comments into the agent's terminal as one message"
        onClick={() => void sendDraftsToAgent(threadId)}
      >
        Send {drafts.length || ''} to agent
      </button>
    </div>
  );
}
