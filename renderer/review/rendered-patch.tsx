import { type ReactNode, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { AnchorKey } from './inline-anchors';
import { InlineRows } from './inline-rows';
import { type PatchSlice, rowsOfSlice, splitPatch } from './patch-slices';
import { type DiffLayout, renderSlice, type SliceDrawing } from './render-slice';
import { FrameBudgetQueue } from './frame-budget-queue';
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

/** The height of one row of diff2html's table with this app's styles (measured: 21 px). */
export const diffRowPx = 21;

/**
 * One queue of slice renders for every file on screen, run one slice per task: when several
 * files arrive at once they take turns, and the window stays responsive between slices. A slice
 * costs its rows, and a row of very long lines more. Laying out ~170 new rows took one frame 23 ms
 * on the 2-core VM; 80 keeps a frame's share near half that, and is still about twice what a fast
 * scroll (900 px a frame) brings into view.
 */
const sliceQueue = new FrameBudgetQueue(80);
const charsPerRowOfCost = 200;

interface RenderedPatchProps {
  patch: string;
  layout: DiffLayout;
  /** A line number was clicked (shift: extend the range), or a range of lines selected. */
  onLines(start: LineTarget, end: LineTarget, extend: boolean): void;
  /** Lines that show something under them (comments, the composer), and what each shows. */
  anchors?: ReadonlySet<AnchorKey>;
  renderAnchor?(anchor: AnchorKey): ReactNode;
}

const noAnchors: ReadonlySet<AnchorKey> = new Set();

/**
 * One file's diff rendered slice by slice, each slice in its own task, and only while the end of
 * what is rendered is near the viewport: a 5 MB file never blocks the window.
 */
export function RenderedPatch({ patch, layout, onLines, anchors = noAnchors, renderAnchor }: RenderedPatchProps) {
  const host = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const onLinesRef = useRef(onLines);
  onLinesRef.current = onLines;
  const anchorsRef = useRef(anchors);
  anchorsRef.current = anchors;
  const inlineRows = useRef<InlineRows | null>(null);
  const [inlineHosts, setInlineHosts] = useState<ReadonlyMap<AnchorKey, HTMLElement>>(() => new Map());

  useEffect(() => {
    const root = host.current;
    if (!root) return;
    root.replaceChildren();
    const slices = splitPatch(patch, sliceLines, sliceChars, firstSliceLines);
    const rows = slices.map((slice) => rowsOfSlice(slice, layout));
    // The whole file's room from the start, so what is below does not move as its slices arrive.
    root.style.minHeight = `${rows.reduce((sum, n) => sum + n, 0) * diffRowPx}px`;
    root.dataset.drawn = 'false';
    const sentinel = document.createElement('div');
    sentinel.className = 'review-slice-sentinel';
    root.append(sentinel);
    const inline = new InlineRows(root, setInlineHosts);
    inlineRows.current = inline;
    inline.want(anchorsRef.current);
    let next = 0;
    /** The slice whose rows are being moved into the page. */
    let drawing: SliceDrawing | null = null;
    let steps = 0;
    let nearView = true;
    let queued = false;
    let cancelled = false;
    const renderNext = () => {
      queued = false;
      if (cancelled || !nearView) return 0;
      if (!drawing || drawing.pending === 0) {
        if (next >= slices.length) return 0;
        const { text, continued } = slices[next] as PatchSlice;
        const slice = document.createElement('div');
        slice.className = next === 0 ? 'review-slice' : 'review-slice continued';
        if (continued) slice.dataset.continuesHunk = 'true';
        // Its room until it is first laid out (it may be created just off screen): its own rows'.
        slice.style.containIntrinsicSize = `auto ${(rows[next] as number) * diffRowPx}px`;
        next++;
        root.insertBefore(slice, sentinel);
        drawing = renderSlice(slice, text, layout, continued);
      }
      // A slice longer than a step (a run of changed lines is never cut between slices) comes in
      // a step at a time, so no task and no frame's layout grows with it.
      const {
        cost,
        colour,
        rows: drawnRows,
      } = drawing.drawRows(steps++ === 0 ? firstSliceLines : sliceLines, sliceChars, charsPerRowOfCost);
      inline.drawn(drawnRows);
      // All drawn: the file takes the room its rows really need.
      if (next === slices.length && drawing.pending === 0) {
        root.style.minHeight = '';
        root.dataset.drawn = 'true';
      }
      // Colours in a task of their own, right after: the lines show first.
      sliceQueue.enqueue(() => {
        if (cancelled) return 0;
        colour();
        return cost;
      });
      schedule();
      return cost;
    };
    // The observer updates `nearView` between tasks, so rendering stops once the end is far off.
    const schedule = () => {
      if (queued || cancelled || (next >= slices.length && (drawing?.pending ?? 0) === 0)) return;
      queued = true;
      sliceQueue.enqueue(renderNext);
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
    const stopScroll = bar.current ? scrollTogether(root, bar.current) : () => undefined;
    return () => {
      cancelled = true;
      observer.disconnect();
      stopScroll();
      inline.dispose();
      if (inlineRows.current === inline) inlineRows.current = null;
    };
  }, [patch, layout]);

  // A new comment, or the composer opened: its row comes now if its line is drawn, else as it is.
  const anchorList = [...anchors].sort().join(' ');
  useEffect(() => {
    inlineRows.current?.want(anchorsRef.current);
  }, [anchorList]);

  const onClick = (event: React.MouseEvent) => {
    if ((event.target as Element).closest('.review-inline-row')) return;
    const cell = (event.target as Element).closest('.d2h-code-linenumber, .d2h-code-side-linenumber');
    if (!cell) return;
    const target = lineTargetOf(cell);
    if (target) onLinesRef.current(target, target, event.shiftKey);
  };

  const onMouseUp = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !host.current?.contains(selection.anchorNode)) return;
    if (selection.anchorNode?.parentElement?.closest('.review-inline-row')) return;
    const start = lineTargetOf(selection.anchorNode);
    const end = lineTargetOf(selection.focusNode);
    if (start && end && start.side === end.side && start.line !== end.line) onLinesRef.current(start, end, false);
  };

  return (
    <>
      <div ref={host} className="review-patch" onClick={onClick} onMouseUp={onMouseUp} />
      <div ref={bar} className="review-hscroll" data-testid="review-hscroll" hidden>
        <div />
      </div>
      {renderAnchor && [...inlineHosts].map(([anchor, element]) => createPortal(renderAnchor(anchor), element, anchor))}
    </>
  );
}

/** What scrolls sideways in a slice: the table of a line-by-line slice, each half side by side. */
const sliceScrollers = '.d2h-file-diff, .d2h-file-side-diff';

/**
 * One horizontal scroll per file, not per slice: every slice's scroller (their own scrollbars
 * hidden) follows whichever of them, or the file's one scrollbar (`bar`, kept at the bottom of the
 * view while the file is in it), was scrolled. The bar's range is the widest slice's; a slice
 * drawn or laid out later takes the file's position as its size is first known.
 */
function scrollTogether(root: HTMLElement, bar: HTMLElement): () => void {
  const spacer = bar.firstElementChild as HTMLElement;
  let x = 0;
  const ranges = new Map<Element, number>();
  const follow = (from: EventTarget | null) => {
    for (const scroller of root.querySelectorAll<HTMLElement>(sliceScrollers)) {
      if (scroller !== from && scroller.scrollLeft !== x) scroller.scrollLeft = x;
    }
    if (from !== bar && bar.scrollLeft !== x) bar.scrollLeft = x;
  };
  const onScroll = (event: Event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || (target !== bar && !target.matches(sliceScrollers))) return;
    if (target.scrollLeft === x) return;
    // A narrower scroller set to `x` stops at its own end and reports that: an echo, not a move.
    if (target.scrollLeft < x && target.scrollLeft >= target.scrollWidth - target.clientWidth - 1) return;
    x = target.scrollLeft;
    follow(target);
  };
  // Sizes are read after layout (a ResizeObserver's callback), never forced by a drawing task.
  const sizes = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      ranges.set(target, target.scrollWidth - target.clientWidth);
      if (target.scrollLeft !== x) target.scrollLeft = x;
    }
    const range = Math.max(0, ...ranges.values());
    bar.hidden = range <= 0;
    spacer.style.width = `${bar.clientWidth + range}px`;
  });
  const watched = new WeakSet<Element>();
  const watchNew = new MutationObserver(() => {
    for (const scroller of root.querySelectorAll(sliceScrollers)) {
      if (watched.has(scroller)) continue;
      watched.add(scroller);
      sizes.observe(scroller);
    }
  });
  watchNew.observe(root, { childList: true });
  root.addEventListener('scroll', onScroll, { capture: true, passive: true });
  bar.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    watchNew.disconnect();
    sizes.disconnect();
    root.removeEventListener('scroll', onScroll, { capture: true });
    bar.removeEventListener('scroll', onScroll);
    bar.hidden = true;
  };
}
