import type { DiffLayout } from './render-slice';

/**
 * Splits one file's unified diff into slices of at most `maxLines` diff lines (and about
 * `maxChars` characters, for files of very long lines), each a valid
 * unified diff of its own (same file header, hunks cut with recomputed headers), so a big file
 * renders piece by piece, one short task each, with correct line numbers throughout.
 */
export function splitPatch(
  patch: string,
  maxLines: number,
  maxChars = Number.MAX_SAFE_INTEGER,
  /** Lines of the first slice: fewer, so the start of a file shows sooner. */
  firstLines = maxLines,
): string[] {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const firstHunk = lines.findIndex((line) => line.startsWith('@@'));
  if (firstHunk === -1) return patch ? [patch] : [];
  const header = lines.slice(0, firstHunk);
  const slices: string[] = [];
  let body: string[] = [];
  let chars = 0;
  const flush = () => {
    if (body.length > 0) slices.push(`${[...header, ...body].join('\n')}\n`);
    body = [];
    chars = 0;
  };
  let hunk: { oldLine: number; newLine: number; rest: string; lines: string[] } | null = null;
  const closeHunk = () => {
    if (!hunk || hunk.lines.length === 0) return;
    const oldCount = hunk.lines.filter((l) => l[0] === ' ' || l[0] === '-').length;
    const newCount = hunk.lines.filter((l) => l[0] === ' ' || l[0] === '+').length;
    // A range with no lines names the line before it (as `-0,0` does for a new file).
    const oldStart = oldCount === 0 ? Math.max(0, hunk.oldLine - 1) : hunk.oldLine;
    const newStart = newCount === 0 ? Math.max(0, hunk.newLine - 1) : hunk.newLine;
    body.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@${hunk.rest}`, ...hunk.lines);
    hunk.oldLine += oldCount;
    hunk.newLine += newCount;
    hunk.lines = [];
  };
  const limit = () => (slices.length === 0 ? firstLines : maxLines);
  const room = () => limit() - body.length - (hunk ? hunk.lines.length + 1 : 0);
  for (const line of lines.slice(firstHunk)) {
    const match = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/.exec(line);
    if (match) {
      closeHunk();
      const oldCount = match[2] === undefined ? 1 : Number(match[2]);
      const newCount = match[4] === undefined ? 1 : Number(match[4]);
      // `-0,0` (new file) and `+0,0` (deleted file) count from line 1 once lines appear.
      hunk = {
        oldLine: oldCount === 0 ? Number(match[1]) + 1 : Number(match[1]),
        newLine: newCount === 0 ? Number(match[3]) + 1 : Number(match[3]),
        rest: match[5] ?? '',
        lines: [],
      };
      if (body.length >= limit() - 1) flush();
      continue;
    }
    if (!hunk) continue;
    hunk.lines.push(line);
    chars += line.length;
    // Keep "\ No newline at end of file" with the line it belongs to.
    if ((room() <= 0 || chars >= maxChars) && !line.startsWith('\\')) {
      closeHunk();
      flush();
    }
  }
  closeHunk();
  flush();
  return slices;
}

/**
 * The table rows diff2html draws for a slice: a row per hunk header, per context line, and per
 * changed line (line by line) or per pair of removed and added lines (side by side). Used to keep
 * a slice's room before it is laid out, so files further down do not jump as it is.
 */
export function rowsOfSlice(slice: string, layout: DiffLayout): number {
  let rows = 0;
  let removed = 0;
  let added = 0;
  const closeChange = () => {
    rows += layout === 'side-by-side' ? Math.max(removed, added) : removed + added;
    removed = 0;
    added = 0;
  };
  let inHunk = false;
  for (const line of slice.split('\n')) {
    if (line.startsWith('@@')) {
      closeChange();
      rows++;
      inHunk = true;
    } else if (!inHunk) {
      continue;
    } else if (line.startsWith('-')) {
      removed++;
    } else if (line.startsWith('+')) {
      added++;
    } else if (line.startsWith(' ')) {
      closeChange();
      rows++;
    }
  }
  closeChange();
  return rows;
}
