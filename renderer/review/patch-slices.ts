import type { DiffLayout } from './render-slice';

/** One piece of a file's diff, drawn in a task of its own. */
export interface PatchSlice {
  /**
   * A valid unified diff of its own: the file header, then this slice's lines under hunk headers.
   * A hunk that starts in this slice has git's own header line, unchanged (counts and function
   * context as git wrote them: diff2html reads only the start lines, and shows the line as is).
   */
  readonly text: string;
  /**
   * The slice goes on with a hunk begun in an earlier slice: its first hunk header is not git's
   * but written here only to carry the line numbers on, and is not drawn.
   */
  readonly continued: boolean;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** A unit a slice boundary never falls inside: one context line, or a whole run of -/+ lines. */
interface Unit {
  readonly lines: string[];
  readonly chars: number;
}

/**
 * The longest run of changed lines kept in one slice. Drawing a slice is one task (diff2html
 * pairs the run's lines and marks their changed words, then the page parses it), ~0.1 ms a line
 * on the 2-core VM: 480 changed lines (22 KB) took 50 ms, 1,200 took 146 ms. A longer run, which
 * only a very large replacement, a new or deleted file of hundreds of lines or a run of very long
 * lines makes, is cut at this length; the next slice goes on with the hunk (no header), so only
 * the pairing of removed and added lines across the cut is lost.
 */
export const longestRun = { lines: 200, chars: 32 * 1024 };

/**
 * A hunk's lines as units: each context line alone, each run of consecutive removed and added
 * lines whole (a removed line and its replacement must be drawn in one block, or diff2html can
 * neither pair them side by side nor mark the words that changed) up to `longestRun`, and
 * "\ No newline at end of file" with the line before it.
 */
function unitsOf(lines: readonly string[]): Unit[] {
  const units: Unit[] = [];
  let current: string[] = [];
  let chars = 0;
  let currentIsRun = false;
  const close = () => {
    if (current.length > 0) units.push({ lines: current, chars });
    current = [];
    chars = 0;
  };
  for (const line of lines) {
    const kind = line[0];
    if (kind === '\\') {
      current.push(line);
      chars += line.length;
      continue;
    }
    const isRun = kind === '-' || kind === '+';
    if (!(isRun && currentIsRun) || current.length >= longestRun.lines || chars >= longestRun.chars) close();
    current.push(line);
    chars += line.length;
    currentIsRun = isRun;
  }
  close();
  return units;
}

/**
 * Splits one file's unified diff into slices of at most `maxLines` rows (hunk headers count) and
 * about `maxChars` characters, so a big file renders piece by piece, one short task each. Slices
 * are a drawing detail only: each of git's hunks shows once, with git's header; a slice that goes
 * on with a hunk is `continued` (its header is not drawn) and its line numbers continue git's. A
 * boundary falls only before or after a context line or between hunks, never inside a run of
 * removed and added lines: a run longer than a slice goes whole into one slice of its own (up to
 * `longestRun`).
 */
export function splitPatch(
  patch: string,
  maxLines: number,
  maxChars = Number.MAX_SAFE_INTEGER,
  /** Lines of the first slice: fewer, so the start of a file shows sooner. */
  firstLines = maxLines,
): PatchSlice[] {
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const firstHunk = lines.findIndex((line) => line.startsWith('@@'));
  if (firstHunk === -1) return patch ? [{ text: patch, continued: false }] : [];
  const fileHeader = lines.slice(0, firstHunk);

  // git's hunks: header line and body lines.
  const hunks: Array<{ header: string; lines: string[] }> = [];
  for (const line of lines.slice(firstHunk)) {
    if (line.startsWith('@@')) hunks.push({ header: line, lines: [] });
    else hunks.at(-1)?.lines.push(line);
  }

  const slices: PatchSlice[] = [];
  let body: string[] = [];
  let rows = 0;
  let chars = 0;
  let continued = false;
  const flush = () => {
    if (body.length > 0) slices.push({ text: `${[...fileHeader, ...body].join('\n')}\n`, continued });
    body = [];
    rows = 0;
    chars = 0;
  };
  const limit = () => (slices.length === 0 ? firstLines : maxLines);

  for (const hunk of hunks) {
    const match = hunkHeader.exec(hunk.header);
    if (!match) {
      // Not a header diff2html could number (a combined diff): drawn whole, as it is.
      flush();
      continued = false;
      body.push(hunk.header, ...hunk.lines);
      flush();
      continue;
    }
    const oldCount = match[2] === undefined ? 1 : Number(match[2]);
    const newCount = match[4] === undefined ? 1 : Number(match[4]);
    // The next line number on each side (`-0,0` and `+N,0` name the line before an empty range).
    let oldLine = oldCount === 0 ? Number(match[1]) + 1 : Number(match[1]);
    let newLine = newCount === 0 ? Number(match[3]) + 1 : Number(match[3]);
    // This hunk's lines in the slice being built, under `header` (git's, or a continuation's).
    let part: { header: string | null; lines: string[] } | null = null;
    const closePart = () => {
      if (!part) return;
      const oldLines = part.lines.filter((l) => l[0] === ' ' || l[0] === '-').length;
      const newLines = part.lines.filter((l) => l[0] === ' ' || l[0] === '+').length;
      const header = part.header ?? `@@ -${oldLine},${oldLines} +${newLine},${newLines} @@`;
      body.push(header, ...part.lines);
      oldLine += oldLines;
      newLine += newLines;
      part = null;
    };
    let started = false;
    for (const unit of unitsOf(hunk.lines)) {
      const needed = unit.lines.length + (part ? 0 : 1);
      if (rows > 0 && (rows + needed > limit() || chars + unit.chars > maxChars)) {
        closePart();
        flush();
      }
      if (!part) {
        if (body.length === 0) continued = started;
        part = { header: started ? null : hunk.header, lines: [] };
        rows++;
        started = true;
      }
      part.lines.push(...unit.lines);
      rows += unit.lines.length;
      chars += unit.chars;
    }
    if (!started) {
      // A hunk with no lines (a cut diff's last header): its header alone.
      if (body.length === 0) continued = false;
      part = { header: hunk.header, lines: [] };
      rows++;
    }
    closePart();
  }
  flush();
  return slices;
}

/**
 * The table rows diff2html draws for a slice: a row per hunk header drawn, per context line, and per
 * changed line (line by line) or per pair of removed and added lines (side by side). Used to keep
 * a slice's room before it is laid out, so files further down do not jump as it is.
 */
export function rowsOfSlice(slice: PatchSlice, layout: DiffLayout): number {
  // A continued slice's first hunk header is not drawn.
  let rows = slice.continued ? -1 : 0;
  let removed = 0;
  let added = 0;
  const closeChange = () => {
    rows += layout === 'side-by-side' ? Math.max(removed, added) : removed + added;
    removed = 0;
    added = 0;
  };
  let inHunk = false;
  for (const line of slice.text.split('\n')) {
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
