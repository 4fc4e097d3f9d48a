import { z } from 'zod';
import { ReviewSectionSchema } from './review';

export const commentStates = ['draft', 'sent', 'resolved'] as const;
export const CommentStateSchema = z.enum(commentStates);
export type CommentState = z.infer<typeof CommentStateSchema>;

/** Which side of a diff a comment points at: the line before the change or after it. */
export const CommentSideSchema = z.enum(['old', 'new']);
export type CommentSide = z.infer<typeof CommentSideSchema>;

/** How much a reviewer agent's finding matters: blocking stops a landing, warning and note do not. */
export const findingSeverities = ['blocking', 'warning', 'note'] as const;
export const FindingSeveritySchema = z.enum(findingSeverities);
export type FindingSeverity = z.infer<typeof FindingSeveritySchema>;

/** Who wrote a comment when it was not the dispatcher: a reviewer agent's run (issue 15). */
export const CommentAuthorSchema = z.object({ kind: z.literal('reviewer'), profileId: z.string(), runId: z.string() });
export type CommentAuthor = z.infer<typeof CommentAuthorSchema>;

export const ReviewCommentSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  path: z.string(),
  section: ReviewSectionSchema,
  side: CommentSideSchema,
  startLine: z.number().int().min(1),
  endLine: z.number().int().min(1),
  /** The code the comment points at, as it read when the comment was written. */
  quote: z.array(z.string()),
  body: z.string(),
  state: CommentStateSchema,
  /** Branch tip when the comment was written. */
  commit: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Absent: the dispatcher wrote it. */
  author: CommentAuthorSchema.optional(),
  /** A reviewer's finding's severity (absent on the dispatcher's own comments). */
  severity: FindingSeveritySchema.optional(),
  /** When the dispatcher last edited it: a later reviewer run keeps an edited finding. */
  editedAt: z.string().nullable().optional(),
});
export type ReviewComment = z.infer<typeof ReviewCommentSchema>;

const maxQuoteLines = 12;
const maxQuoteLineChars = 240;

/**
 * Control characters other than newline could end a bracketed paste early or steer the agent's
 * TUI; quoted code comes from the agent's own diff and is untrusted, so they are dropped.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(/\t/g, '  ').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

function lineRange(comment: Pick<ReviewComment, 'startLine' | 'endLine'>): string {
  return comment.endLine > comment.startLine ? `${comment.startLine}-${comment.endLine}` : `${comment.startLine}`;
}

/** `src/app.ts:12-14`, with "(before the change)" when the comment points at removed lines. */
export function commentLocation(comment: Pick<ReviewComment, 'path' | 'side' | 'startLine' | 'endLine'>): string {
  // A reviewer's note on no line of the diff (output that was not a finding on it) has no path.
  if (comment.path === '') return 'general';
  return `${comment.path}:${lineRange(comment)}${comment.side === 'old' ? ' (before your change)' : ''}`;
}

/**
 * The one message that carries a batch of comments to the agent: numbered, each with its file
 * and line, the quoted code and the comment, e.g.
 *
 *     Review comments on your branch (2):
 *     1. src/app.ts:12-14
 *        > const x = 1;
 *        Rename x.
 */
export function formatReviewMessage(
  comments: ReadonlyArray<
    Pick<ReviewComment, 'path' | 'side' | 'startLine' | 'endLine' | 'quote' | 'body'> &
      Pick<Partial<ReviewComment>, 'severity'>
  >,
): string {
  const lines = [`Review comments on your branch (${comments.length}):`];
  comments.forEach((comment, index) => {
    const severity = comment.severity ? ` [${comment.severity}]` : '';
    lines.push(`${index + 1}. ${withoutControlCharacters(commentLocation(comment))}${severity}`);
    const quote = comment.quote.slice(0, maxQuoteLines);
    for (const code of quote) {
      const clean = withoutControlCharacters(code);
      lines.push(`   > ${clean.length > maxQuoteLineChars ? `${clean.slice(0, maxQuoteLineChars)}…` : clean}`);
    }
    if (comment.quote.length > maxQuoteLines) lines.push(`   > … (${comment.quote.length - maxQuoteLines} more lines)`);
    for (const text of withoutControlCharacters(comment.body).trim().split('\n')) lines.push(`   ${text}`.trimEnd());
  });
  return lines.join('\n');
}
