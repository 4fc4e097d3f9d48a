import { useEffect, useRef, useState } from 'react';
import { commentLocation, type ReviewComment } from '../../shared/review-comments';
import { CommentComposer } from './comment-composer';
import { sendDraftsToAgent } from './comments-panel';
import { reviewActions } from './review-api';
import { ResolveToggle } from './resolve-toggle';
import { ReviewerBadge } from './reviewer-badge';
import { type CommentDraft, useReviewPaneStore } from './review-pane-store';

/** What shows under one line of the diff: its comments, then the composer if it was opened there. */
export function InlineThread({
  threadId,
  comments,
  composer,
}: {
  threadId: string;
  comments: readonly ReviewComment[];
  composer: CommentDraft | null;
}) {
  return (
    <div className="review-inline" data-testid="inline-thread">
      {comments.map((comment) => (
        <InlineComment key={comment.id} threadId={threadId} comment={comment} />
      ))}
      {composer && <CommentComposer threadId={threadId} draft={composer} />}
    </div>
  );
}

/** One comment under its line: edit, delete or send a draft; resolve or reopen a sent one. */
function InlineComment({ threadId, comment }: { threadId: string; comment: ReviewComment }) {
  const ref = useRef<HTMLDivElement>(null);
  const focused = useReviewPaneStore((state) => state.focusCommentId === comment.id);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Asked for from the comments list: scrolled to after the file's own scroll (same update).
  useEffect(() => {
    if (!focused) return;
    const frame = requestAnimationFrame(() => {
      ref.current?.scrollIntoView({ block: 'center' });
      ref.current?.classList.add('flash');
      useReviewPaneStore.getState().focusComment(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [focused]);

  const saveEdit = async () => {
    if (editing === null) return;
    const result = await reviewActions.editComment(threadId, comment.id, editing);
    if (result.ok) {
      setEditing(null);
      setError(null);
    } else setError(result.error.message);
  };

  return (
    <div
      ref={ref}
      className={`inline-comment state-${comment.state}`}
      data-testid="inline-comment"
      data-comment-id={comment.id}
      data-state={comment.state}
    >
      <div className="inline-comment-head small">
        <span className="mono muted">{commentLocation(comment)}</span>
        <span className={`comment-state state-${comment.state}`}>{comment.state}</span>
        <ReviewerBadge comment={comment} />
      </div>
      {editing === null ? (
        <p className="comment-body" data-testid="inline-comment-body">
          {comment.body}
        </p>
      ) : (
        <textarea
          className="input"
          data-testid="inline-comment-edit-body"
          rows={3}
          autoFocus
          value={editing}
          onChange={(event) => setEditing(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && editing.trim()) void saveEdit();
            if (event.key === 'Escape') setEditing(null);
          }}
        />
      )}
      {error && <p className="inline-error">{error}</p>}
      <div className="row">
        {comment.state === 'draft' && editing === null && (
          <>
            <button
              type="button"
              className="link-button small"
              data-testid="inline-comment-edit"
              onClick={() => setEditing(comment.body)}
            >
              Edit
            </button>
            <button
              type="button"
              className="link-button small"
              data-testid="inline-comment-delete"
              onClick={() => void reviewActions.deleteComment(threadId, comment.id)}
            >
              Delete
            </button>
            <button
              type="button"
              className="link-button small"
              data-testid="inline-comment-send"
              title="Types the draft comments into the agent's terminal as one message"
              onClick={() => void sendDraftsToAgent(threadId)}
            >
              Send drafts to agent
            </button>
          </>
        )}
        {editing !== null && (
          <>
            <button
              type="button"
              className="button small primary"
              data-testid="inline-comment-save"
              disabled={!editing.trim()}
              onClick={() => void saveEdit()}
            >
              Save
            </button>
            <button type="button" className="button small" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </>
        )}
        <ResolveToggle threadId={threadId} comment={comment} testIdPrefix="inline-comment" />
      </div>
    </div>
  );
}
