export interface PatchCaps {
  /** Keep at most this many bytes of the patch (cut at a line boundary). */
  readonly maxBytes: number;
  /** Cut any line longer than this many characters. */
  readonly maxLineChars: number;
}

export interface CappedPatch {
  readonly patch: string;
  readonly totalBytes: number;
  readonly truncated: boolean;
  readonly longLinesCut: number;
  readonly crlf: boolean;
}

const hunkHeader = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

interface OpenHunk {
  /** Index of the hunk's header in the kept lines. */
  readonly at: number;
  readonly oldStart: number;
  readonly newStart: number;
  readonly rest: string;
  oldLines: number;
  newLines: number;
}

/** The header `@@ -a,b +c,d @@` for what a hunk holds after cutting. */
function headerFor(hunk: OpenHunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@${hunk.rest}`;
}

/**
 * Cuts one file's unified diff down to the caps and keeps it a valid diff: the last hunk's header
 * is rewritten to count only the lines kept, so a renderer shows correct line numbers.
 */
export function capPatch(patch: string, caps: PatchCaps): CappedPatch {
  const totalBytes = Buffer.byteLength(patch, 'utf8');
  const lines = patch.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const kept: string[] = [];
  let bytes = 0;
  let truncated = false;
  let longLinesCut = 0;
  let crlf = false;
  let hunk: OpenHunk | null = null;
  for (const original of lines) {
    let line = original;
    const header = hunkHeader.exec(line);
    if (line.length > caps.maxLineChars) {
      line = `${line.slice(0, caps.maxLineChars)} … [${line.length - caps.maxLineChars} more characters]`;
      longLinesCut++;
    }
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes + size > caps.maxBytes && kept.length > 0) {
      truncated = true;
      break;
    }
    bytes += size;
    if (header) {
      hunk = {
        at: kept.length,
        oldStart: Number(header[1]),
        newStart: Number(header[2]),
        rest: header[3] ?? '',
        oldLines: 0,
        newLines: 0,
      };
    } else if (hunk) {
      const marker = line.charAt(0);
      if (marker === ' ' || marker === '-') hunk.oldLines++;
      if (marker === ' ' || marker === '+') hunk.newLines++;
      if ((marker === ' ' || marker === '-' || marker === '+') && original.endsWith('\r')) crlf = true;
    }
    kept.push(line);
  }
  if (truncated && hunk) kept[hunk.at] = headerFor(hunk);
  return { patch: kept.length ? `${kept.join('\n')}\n` : '', totalBytes, truncated, longLinesCut, crlf };
}
