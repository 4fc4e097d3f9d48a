import type { CommentSide, ReviewComment } from '../../shared/review-comments';
import type { PatchLines } from './patch-lines';
import type { DiffLayout } from './render-slice';

/**
 * Where an inline comment (or the composer) sits: under the last line of its range, on its side.
 * `old:12` is line 12 before the change, `new:12` after it.
 */
export type AnchorKey = `${CommentSide}:${number}`;

export function anchorKeyOf(range: { readonly side: CommentSide; readonly endLine: number }): AnchorKey {
  return `${range.side}:${range.endLine}`;
}

/**
 * The line numbers one drawn row shows. Line by line a row has both columns (a context line both
 * numbers, a removed line only the old, an added line only the new); side by side a row of the left
 * table has only `old`, of the right table only `new`. A hunk header has neither.
 */
export interface RowNumbers {
  readonly old: number | null;
  readonly new: number | null;
}

/**
 * The anchors a row can carry. Each line number of a side is on exactly one row of a file's diff,
 * so an anchor finds one row: `old:N` is the removed line N, or the context line that was line N
 * before the change (line by line: the same row as its new number).
 */
export function anchorsOfRow(row: RowNumbers): AnchorKey[] {
  const keys: AnchorKey[] = [];
  if (row.old !== null) keys.push(`old:${row.old}`);
  if (row.new !== null) keys.push(`new:${row.new}`);
  return keys;
}

/**
 * Which row an anchor goes under: `table` is 0 line by line; side by side 0 (old, left) or 1
 * (new, right). Null when the line is not in the diff shown (the comment is outdated, or that part
 * of the file is not drawn yet).
 */
export function findAnchorRow(
  tables: ReadonlyArray<readonly RowNumbers[]>,
  layout: DiffLayout,
  anchor: AnchorKey,
): { table: number; row: number } | null {
  const [side, number] = anchor.split(':') as [CommentSide, string];
  const line = Number(number);
  const table = layout === 'side-by-side' ? (side === 'old' ? 0 : 1) : 0;
  const rows = tables[table] ?? [];
  const row = rows.findIndex((numbers) => numbers[side] === line);
  return row === -1 ? null : { table, row };
}

/**
 * A comment is outdated when the lines it points at are no longer in the file's diff, or no
 * longer read as the code it quoted: it stays in the comments list, marked, and is not shown
 * inline.
 */
export function isOutdated(
  comment: Pick<ReviewComment, 'side' | 'startLine' | 'endLine' | 'quote'>,
  lines: PatchLines,
): boolean {
  const map = comment.side === 'old' ? lines.old : lines.new;
  const shown: string[] = [];
  for (let n = comment.startLine; n <= comment.endLine; n++) {
    const text = map.get(n);
    if (text === undefined) return true;
    shown.push(text);
  }
  // A range whose quote was cut (lines outside any hunk) is judged by what it did quote.
  return comment.quote.length === shown.length && comment.quote.some((text, i) => text !== shown[i]);
}

/** The comments on one file of the review (`section:path`, as the file ids are). */
export function commentsOfFile(comments: readonly ReviewComment[], fileId: string): ReviewComment[] {
  return comments.filter((comment) => `${comment.section}:${comment.path}` === fileId);
}
