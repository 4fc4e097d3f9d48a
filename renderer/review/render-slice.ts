import 'diff2html/bundles/css/diff2html.min.css';
import { Diff2HtmlUI } from 'diff2html/lib/ui/js/diff2html-ui-base';
import { closeTags, getLanguage, mergeStreams, nodeStream } from 'diff2html/lib/ui/js/highlight.js-helpers';
import type { ColorSchemeType } from 'diff2html/lib/types';
import { highlighter } from './highlighter';

export type DiffLayout = 'line-by-line' | 'side-by-side';

/** Word-level matching costs O(lines²) per block; beyond these it is skipped (diff2html's own caps). */
const matchingLimits = { matchingMaxComparisons: 1000, maxLineSizeInBlockForComparison: 200 };

/** One slice drawn by diff2html, its rows moved into the page a few at a time. */
export interface SliceDrawing {
  /** Rows (per table) not in the page yet. */
  readonly pending: number;
  /**
   * Moves up to `maxRows` more rows (of about `maxChars` characters; at least one) into the page,
   * without syntax colours, and returns what they cost (rows, and a row per `charsPerRow`
   * characters of their text) and the step that colours them with highlight.js — most of the
   * cost, so the caller runs it as a task of its own and the lines show first.
   */
  drawRows(
    maxRows: number,
    maxChars: number,
    charsPerRow: number,
  ): { cost: number; colour: () => void; rows: readonly Element[] };
}

/**
 * Draws one slice of a file's diff with diff2html into `target`, its rows held back: the caller
 * moves them into the page a few at a time (`drawRows`). A slice is one block of diff2html, so a
 * removed line and its replacement are paired and their changed words marked however long their
 * run; moving its rows in a few at a time keeps each task, and each frame's layout, short.
 * diff2html escapes every line of the diff, so nothing the agent wrote reaches the page as HTML.
 */
export function renderSlice(
  target: HTMLElement,
  slicePatch: string,
  layout: DiffLayout,
  /** The slice goes on with a hunk begun before it: its first hunk header is not git's, not drawn. */
  continued = false,
): SliceDrawing {
  // Drawn outside the page first: nothing is laid out until its rows are moved in.
  const staging = document.createElement('div');
  const ui = new Diff2HtmlUI(
    staging,
    slicePatch,
    {
      outputFormat: layout,
      drawFileList: false,
      matching: 'lines',
      diffStyle: 'word',
      ...matchingLimits,
      colorScheme: 'dark' as ColorSchemeType,
      highlight: false,
      // Both halves follow the file's one horizontal scroll (rendered-patch.tsx), not each other:
      // diff2html's own pairing would copy a narrow half's clamped position onto the wide one.
      synchronisedScroll: false,
      fileListToggle: false,
      fileContentToggle: false,
      stickyFileHeaders: false,
    },
    highlighter,
  );
  ui.draw();
  if (continued) dropFirstHunkHeader(staging);
  const bodies = [...staging.querySelectorAll('tbody.d2h-diff-tbody')];
  const held = bodies.map((body) => {
    const rows = [...body.children];
    body.replaceChildren();
    return rows;
  });
  const language = languageOf(staging.querySelector('.d2h-file-wrapper')?.getAttribute('data-lang') ?? null);
  target.replaceChildren(...staging.childNodes);
  let moved = 0;
  const total = Math.max(0, ...held.map((rows) => rows.length));
  return {
    get pending() {
      return total - moved;
    },
    drawRows(maxRows, maxChars, charsPerRow) {
      // Rows side by side are moved in pairs (the same index in both tables).
      let count = 0;
      let chars = 0;
      while (moved + count < total) {
        const rowChars = held.reduce((sum, rows) => sum + (rows[moved + count]?.textContent?.length ?? 0), 0);
        if (count > 0 && (count >= maxRows || chars + rowChars > maxChars)) break;
        chars += rowChars;
        count++;
      }
      const rows = held.flatMap((rowsOfBody, index) => {
        const next = rowsOfBody.slice(moved, moved + count);
        bodies[index]?.append(...next);
        return next;
      });
      moved += count;
      return {
        cost: count + chars / Math.max(1, bodies.length) / charsPerRow,
        colour: () => colourRows(rows, language),
        rows,
      };
    },
  };
}

/** highlight.js's name for a file's language (diff2html's map from its extension), or plain text. */
function languageOf(extension: string | null): string {
  const name = extension ? getLanguage(extension) : 'plaintext';
  return highlighter.getLanguage(name) === undefined ? 'plaintext' : name;
}

/**
 * Colours the code of these rows as diff2html's `highlightCode` does, line by line, keeping the
 * marks of the words that changed.
 */
function colourRows(rows: readonly Element[], language: string): void {
  for (const row of rows) {
    for (const line of row.querySelectorAll<HTMLElement>('.d2h-code-line-ctn')) {
      const text = line.textContent;
      if (text === null) continue;
      try {
        const result = closeTags(highlighter.highlight(text, { language, ignoreIllegals: true }));
        const original = nodeStream(line);
        if (original.length) {
          const node = document.createElementNS('http://www.w3.org/1999/xhtml', 'div');
          node.innerHTML = result.value;
          result.value = mergeStreams(original, nodeStream(node), text);
        }
        line.classList.add('hljs');
        if (result.language) line.classList.add(result.language);
        // highlight.js escapes the text it was given (and the changed-word marks are diff2html's).
        line.innerHTML = result.value;
      } catch {
        // Highlighting is a nicety: a grammar that throws must not cost the dispatcher the line.
      }
    }
  }
}

/**
 * Removes the row of a slice's first hunk header (one per table: two side by side). The slice
 * continues a hunk whose header, git's, was drawn with the slice that began it.
 */
function dropFirstHunkHeader(target: HTMLElement): void {
  for (const body of target.querySelectorAll('.d2h-diff-tbody')) {
    const row = body.firstElementChild;
    if (row?.querySelector('.d2h-info')) row.remove();
  }
}
