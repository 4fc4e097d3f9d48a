import 'diff2html/bundles/css/diff2html.min.css';
import { Diff2HtmlUI } from 'diff2html/lib/ui/js/diff2html-ui-base';
import type { ColorSchemeType } from 'diff2html/lib/types';
import { highlighter } from './highlighter';

export type DiffLayout = 'line-by-line' | 'side-by-side';

/** Word-level matching costs O(lines²) per block; beyond these it is skipped (diff2html's own caps). */
const matchingLimits = { matchingMaxComparisons: 1000, maxLineSizeInBlockForComparison: 200 };

/**
 * Renders one slice of a file's diff into `target` with diff2html, without syntax colours, and
 * returns the step that adds them (highlight.js) — most of the cost, so the caller runs it as a
 * task of its own and the lines show first. diff2html escapes every line of the diff, so nothing
 * the agent wrote reaches the page as HTML.
 */
export function renderSlice(
  target: HTMLElement,
  slicePatch: string,
  layout: DiffLayout,
  /** The slice goes on with a hunk begun before it: its first hunk header is not git's, not drawn. */
  continued = false,
): () => void {
  const ui = new Diff2HtmlUI(
    target,
    slicePatch,
    {
      outputFormat: layout,
      drawFileList: false,
      matching: 'lines',
      diffStyle: 'word',
      ...matchingLimits,
      colorScheme: 'dark' as ColorSchemeType,
      highlight: false,
      synchronisedScroll: true,
      fileListToggle: false,
      fileContentToggle: false,
      stickyFileHeaders: false,
    },
    highlighter,
  );
  const draw = () => {
    ui.draw();
    if (continued) dropFirstHunkHeader(target);
  };
  draw();
  return () => {
    try {
      ui.highlightCode();
    } catch {
      // Highlighting is a nicety: a grammar that throws must not cost the dispatcher the diff.
      draw();
    }
  };
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
