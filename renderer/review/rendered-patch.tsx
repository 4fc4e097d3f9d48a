import { useEffect, useRef } from 'react';
import { splitPatch } from './patch-slices';
import { type DiffLayout, renderSlice } from './render-slice';
import { lineTargetOf, type LineTarget } from './line-target';

/**
 * Per slice: small enough that rendering and highlighting one, and the browser laying it out,
 * stay well under 50 ms each on a slow machine (colouring 24 lines took 20–30 ms on the 2-core
 * VM, and up to 53 ms for the first file of a language, when highlight.js compiles its grammar).
 */
const sliceLines = 16;
const sliceChars = 3_000;
/** The first slice of a file is smaller: its first lines show as soon as possible. */
const firstSliceLines = 12;

/**
 * One queue of slice renders for every file on screen, run one slice per task: when several
 * files arrive at once they take turns, and the window stays responsive between slices.
 */
const sliceQueue: Array<() => void> = [];
let pumping = false;
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  sliceQueue.shift()?.();
  if (sliceQueue.length > 0) channel.port2.postMessage(null);
  else pumping = false;
};

function enqueueSlice(job: () => void): void {
  sliceQueue.push(job);
  if (pumping) return;
  pumping = true;
  channel.port2.postMessage(null);
}

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
    const slices = splitPatch(patch, sliceLines, sliceChars, firstSliceLines);
    const sentinel = document.createElement('div');
    sentinel.className = 'review-slice-sentinel';
    root.append(sentinel);
    let next = 0;
    let nearView = true;
    let queued = false;
    let cancelled = false;
    const renderNext = () => {
      queued = false;
      if (cancelled || next >= slices.length || !nearView) return;
      const slice = document.createElement('div');
      slice.className = next === 0 ? 'review-slice' : 'review-slice continued';
      root.insertBefore(slice, sentinel);
      const highlight = renderSlice(slice, slices[next++] as string, layout);
      // Colours in a task of their own, right after: the lines show first.
      enqueueSlice(() => {
        if (!cancelled) highlight();
      });
      schedule();
    };
    // The observer updates `nearView` between tasks, so rendering stops once the end is far off.
    const schedule = () => {
      if (queued || cancelled || next >= slices.length) return;
      queued = true;
      enqueueSlice(renderNext);
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
    schedule();
    return () => {
      cancelled = true;
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
