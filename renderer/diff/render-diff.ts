import { html, parse } from 'diff2html';
import type { Diff2HtmlConfig } from 'diff2html';
import type { ColorSchemeType } from 'diff2html/lib/types';

export type DiffLayout = 'line-by-line' | 'side-by-side';

/** One file's rendered diff, keyed by the path our file list uses. */
export interface RenderedFile {
  path: string;
  html: string;
}

/** Above this, rendering (especially word-level matching) can freeze the page for seconds. */
export const largeDiffChars = 1_500_000;

function configFor(layout: DiffLayout): Diff2HtmlConfig {
  return {
    outputFormat: layout,
    drawFileList: false,
    matching: 'lines',
    diffStyle: 'word',
    colorScheme: 'dark' as ColorSchemeType,
  };
}

/** The path a parsed file is listed under: the new name, except for deletions. */
function pathOf(oldName: string, newName: string): string {
  return newName === '/dev/null' ? oldName : newName;
}

/**
 * Renders each file of a unified diff separately, so the file list can jump to it.
 * diff2html escapes the diff's content, so its output is safe to inject as HTML.
 */
export function renderDiffFiles(unifiedDiff: string, layout: DiffLayout): RenderedFile[] {
  if (!unifiedDiff.trim()) return [];
  const config = configFor(layout);
  return parse(unifiedDiff, config).map((file) => ({
    path: pathOf(file.oldName, file.newName),
    html: html([file], config),
  }));
}

/** DOM id of a file's rendered diff within a section. */
export function fileAnchorId(source: 'committed' | 'uncommitted', path: string): string {
  return `diff-${source}-${encodeURIComponent(path)}`;
}
