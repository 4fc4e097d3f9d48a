import { useEffect, useRef } from 'react';
import { splitPatch } from './patch-slices';
import { type DiffLayout, renderSlice } from './render-slice';
import { lineTargetOf, type LineTarget } from './line-target';

/** Diff lines per slice: small enough that rendering and highlighting one stays well under 50 ms. */
const sliceLines = 80;

interface RenderedPatchProps {
  patch: string;
  layout: DiffLayout;
  /** A line number was clicked (shift: extend the range), or a range of lines selected. */
  onLines(start: LineTarget, end: LineTarget, extend: boolean): void;
}

/**
 * One file's diff rendered slice by slice, each slice in its own task, and only while the end of
 * what is rendered is near the viewport: a 5 MB file never blocks the window.
 */
export function RenderedPatch({ patch, layout, onLines }: RenderedPatchProps) {
  const host = useRef<HTMLDivElement>(null);
  const onLinesRef = useRef(onLines);
  onLinesRef.current = onLines;

  useEffect(() => {
    const root = host.current;
    if (!root) return;
    root.replaceChildren();
    const slices = splitPatch(patch, sliceLines);
    const sentinel = document.createElement('div');
    sentinel.className = 'review-slice-sentinel';
    root.append(sentinel);
    let next = 0;
    let nearView = true;
    let pending: number | null = null;
    let cancelled = false;
    const renderNext = () => {
      pending = null;
      if (cancelled || next >= slices.length || !nearView) return;
      const slice = document.createElement('div');
      slice.className = next === 0 ? 'review-slice' : 'review-slice continued';
      root.insertBefore(slice, sentinel);
      renderSlice(slice, slices[next++] as string, layout, true);
      schedule();
    };
    // After a frame, so the observer has seen where the sentinel moved to.
    const schedule = () => {
      if (pending !== null || next >= slices.length) return;
      pending = requestAnimationFrame(() => {
        pending = null;
        setTimeout(renderNext, 0);
      });
    };
    const scroller = root.closest('.review-diffs');
    const observer = new IntersectionObserver(
      (entries) => {
        nearView = entries.some((entry) => entry.isIntersecting);
        if (nearView) schedule();
      },
      { root: scroller, rootMargin: '1200px 0px' },
    );
    observer.observe(sentinel);
    renderNext();
    return () => {
      cancelled = true;
      if (pending !== null) cancelAnimationFrame(pending);
      observer.disconnect();
    };
  }, [patch, layout]);

  const onClick = (event: React.MouseEvent) => {
    const cell = (event.target as Element).closest('.d2h-code-linenumber, .d2h-code-side-linenumber');
    if (!cell) return;
    const target = lineTargetOf(cell);
    if (target) onLinesRef.current(target, target, event.shiftKey);
  };

  const onMouseUp = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !host.current?.contains(selection.anchorNode)) return;
    const start = lineTargetOf(selection.anchorNode);
    const end = lineTargetOf(selection.focusNode);
    if (start && end && start.side === end.side && start.line !== end.line) onLinesRef.current(start, end, false);
  };

  return <div ref={host} className="review-patch" onClick={onClick} onMouseUp={onMouseUp} />;
}
