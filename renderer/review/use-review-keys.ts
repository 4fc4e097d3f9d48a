import { useEffect } from 'react';
import type { ReviewFile } from '../../shared/review';
import { viewedState } from '../../shared/review-viewed';
import { reviewActions } from './review-api';
import { useReviewPaneStore } from './review-pane-store';

/** Keys the review pane answers while it is shown, as the hint under its toolbar says. */
export const reviewKeys = { next: 'j', previous: 'k', viewed: 'v', filter: '/' } as const;

/** Typing somewhere (a comment, a setting, the agent's terminal) is not a review key. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .xterm') !== null;
}

/**
 * The file being read, by index in `files`: the one last gone to while any of it is in view, else
 * (the dispatcher scrolled away from it) the block at the top of the diffs.
 */
function currentIndex(files: readonly ReviewFile[], cursor: string | null): number {
  const scroller = document.querySelector('.review-diffs');
  if (!scroller) return -1;
  const view = scroller.getBoundingClientRect();
  const blocks = [...scroller.querySelectorAll<HTMLElement>('[data-testid="review-file"]')];
  const marked = blocks.find((b) => b.dataset.fileId === cursor)?.getBoundingClientRect();
  const inView = marked !== undefined && marked.bottom > view.top && marked.top < view.bottom;
  // The first block whose bottom is below the top edge (with a little slack for the scroll margin).
  const id = inView ? cursor : blocks.find((b) => b.getBoundingClientRect().bottom > view.top + 12)?.dataset.fileId;
  return files.findIndex((file) => file.id === id);
}

/**
 * j / k: the next / previous file's diff; v: mark the file being read viewed (or not) — and, when
 * that folds it, go on to the next one, as a reviewer working down the list expects; /: the file
 * filter.
 */
export function useReviewKeys(threadId: string, files: readonly ReviewFile[]): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (!Object.values(reviewKeys).includes(event.key as never) || files.length === 0) return;
      event.preventDefault();
      if (event.key === reviewKeys.filter) {
        document.querySelector<HTMLInputElement>('[data-testid="file-filter"]')?.focus();
        return;
      }
      const index = currentIndex(files, useReviewPaneStore.getState().cursorFileId);
      const focus = (i: number) => {
        const file = files[Math.max(0, Math.min(files.length - 1, i))];
        if (file) useReviewPaneStore.getState().focusFile(file.id);
      };
      if (event.key === reviewKeys.next) focus(index + 1);
      if (event.key === reviewKeys.previous) focus(index - 1);
      const file = files[index];
      if (event.key === reviewKeys.viewed && file) {
        const marking = viewedState(useReviewPaneStore.getState().viewed, file) !== 'viewed';
        void reviewActions.setViewed(threadId, file, marking);
        if (marking) focus(index + 1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [threadId, files]);
}
