import type { CommentSide } from '../../shared/review-comments';

/** Each side's line number → its text, read from one file's unified diff. */
export interface PatchLines {
  readonly old: ReadonlyMap<number, string>;
  readonly new: ReadonlyMap<number, string>;
}

export function readPatchLines(patch: string): PatchLines {
  const oldLines = new Map<number, string>();
  const newLines = new Map<number, string>();
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of patch.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const text = raw.slice(1).replace(/\r$/, '');
    if (raw.startsWith(' ')) {
      oldLines.set(oldLine++, text);
      newLines.set(newLine++, text);
    } else if (raw.startsWith('-')) oldLines.set(oldLine++, text);
    else if (raw.startsWith('+')) newLines.set(newLine++, text);
    else if (raw.startsWith('diff --git')) inHunk = false;
  }
  return { old: oldLines, new: newLines };
}

/** The code of lines `start..end` on one side, as the comment quotes it. */
export function quoteLines(lines: PatchLines, side: CommentSide, start: number, end: number): string[] {
  const map = side === 'old' ? lines.old : lines.new;
  const quote: string[] = [];
  for (let n = start; n <= end; n++) {
    const text = map.get(n);
    if (text !== undefined) quote.push(text);
  }
  return quote;
}
