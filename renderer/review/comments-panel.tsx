import { commentLocation, type ReviewComment } from '../../shared/review-comments';
import { reviewActions } from './review-api';
import { useReviewPaneStore } from './review-pane-store';

/** Every comment on the thread: drafts to send, sent ones to resolve. */
export function CommentsPanel({ threadId, comments }: { threadId: string; comments: readonly ReviewComment[] }) {
  const drafts = comments.filter((c) => c.state === 'draft');
  const focusFile = useReviewPaneStore((state) => state.focusFile);
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
          >
            <button
              type="button"
              className="link-button mono small"
              onClick={() => focusFile(`${comment.section}:${comment.path}`)}
            >
              {commentLocation(comment)}
            </button>
            <span className={`comment-state state-${comment.state}`}>{comment.state}</span>
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
              {comment.state === 'sent' && (
                <button
                  type="button"
                  className="link-button small"
                  data-testid="comment-resolve"
                  onClick={() => void reviewActions.resolveComment(threadId, comment.id, true)}
                >
                  Resolve
                </button>
              )}
              {comment.state === 'resolved' && (
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => void reviewActions.resolveComment(threadId, comment.id, false)}
                >
                  Reopen
                </button>
              )}
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
        onClick={() => void reviewActions.sendComments(threadId)}
      >
        Send {drafts.length || ''} to agent
      </button>
    </div>
  );
}
