import { useState } from 'react';
import { commentLocation } from '../../shared/review-comments';
import { reviewActions } from './review-api';
import type { CommentDraft } from './review-pane-store';
import { useReviewPaneStore } from './review-pane-store';

/**
 * What is typed, by file: the composer sits under the last line of its range, so extending the
 * range (shift-click) moves it to another row, a new instance, which takes up the text.
 */
const typed = new Map<string, string>();

/**
 * Writes a comment on the chosen lines, inline under the last of them; it is kept as a draft
 * until sent to the agent.
 */
export function CommentComposer({ threadId, draft }: { threadId: string; draft: CommentDraft }) {
  const [body, setBodyState] = useState(() => typed.get(draft.fileId) ?? '');
  const setBody = (text: string) => {
    typed.set(draft.fileId, text);
    setBodyState(text);
  };
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const close = () => {
    typed.delete(draft.fileId);
    useReviewPaneStore.getState().openComposer(null);
  };
  const save = async () => {
    setSaving(true);
    const result = await reviewActions.addComment({
      threadId,
      path: draft.path,
      section: draft.section,
      side: draft.side,
      startLine: draft.startLine,
      endLine: draft.endLine,
      quote: draft.quote,
      body,
    });
    setSaving(false);
    if (result.ok) close();
    else setError(result.error.message);
  };
  return (
    <div className="comment-composer" data-testid="comment-composer">
      <div className="mono small">{commentLocation(draft)}</div>
      {draft.quote.length > 0 && (
        <pre className="comment-quote">
          {draft.quote.slice(0, 6).join('\n')}
          {draft.quote.length > 6 ? '\n…' : ''}
        </pre>
      )}
      <textarea
        className="input"
        data-testid="comment-body"
        rows={3}
        autoFocus
        placeholder="What should the agent change here? (shift-click another line number to extend the range)"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey) && body.trim()) void save();
          if (event.key === 'Escape') close();
        }}
      />
      {error && <p className="inline-error">{error}</p>}
      <div className="row">
        <button
          type="button"
          className="button small primary"
          data-testid="comment-save"
          disabled={!body.trim() || saving}
          onClick={() => void save()}
        >
          Add comment
        </button>
        <button type="button" className="button small" onClick={close}>
          Cancel
        </button>
      </div>
    </div>
  );
}
