import type { CommentSide } from '../../shared/review-comments';

/** The diff line a click or a selection end landed on. */
export interface LineTarget {
  readonly side: CommentSide;
  readonly line: number;
}

function numberIn(element: Element | null): number | null {
  const text = element?.textContent?.trim() ?? '';
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * Works out which side and line a node inside a diff2html table belongs to, in either layout:
 * side by side, the left table is the old file and the right one the new; line by line, removed
 * lines are on the old side and everything else on the new.
 */
export function lineTargetOf(node: Node | null): LineTarget | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  const row = element?.closest('tr');
  if (!row) return null;
  const sideBySide = row.closest('.d2h-file-side-diff');
  if (sideBySide) {
    const panels = [...(sideBySide.parentElement?.querySelectorAll(':scope > .d2h-file-side-diff') ?? [])];
    const side: CommentSide = panels.indexOf(sideBySide) === 0 ? 'old' : 'new';
    const line = numberIn(row.querySelector('.d2h-code-side-linenumber'));
    return line === null ? null : { side, line };
  }
  const removed = row.querySelector('td.d2h-del') !== null;
  const oldNumber = numberIn(row.querySelector('.line-num1'));
  const newNumber = numberIn(row.querySelector('.line-num2'));
  if (removed || newNumber === null) return oldNumber === null ? null : { side: 'old', line: oldNumber };
  return { side: 'new', line: newNumber };
}

/** The line numbers a drawn row of diff2html's table shows (see `RowNumbers`), in either layout. */
export function rowNumbersOf(row: Element): { old: number | null; new: number | null } {
  const sideBySide = row.closest('.d2h-file-side-diff');
  if (sideBySide) {
    const panels = [...(sideBySide.parentElement?.querySelectorAll(':scope > .d2h-file-side-diff') ?? [])];
    const line = numberIn(row.querySelector('.d2h-code-side-linenumber'));
    return panels.indexOf(sideBySide) === 0 ? { old: line, new: null } : { old: null, new: line };
  }
  return { old: numberIn(row.querySelector('.line-num1')), new: numberIn(row.querySelector('.line-num2')) };
}
