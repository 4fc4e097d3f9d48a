import { type RefObject, useEffect, useState } from 'react';

/** The rows to render of a list of `count` rows of `rowHeight` pixels: [start, end). */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Which rows of a fixed-height list a viewport shows (`scrollTop`, `height` in pixels, measured
 * from the list's top), plus `overscan` rows either side so a short scroll never shows a gap.
 */
export function rowWindow(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  overscan: number,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(count, Math.floor(top / rowHeight));
  const last = Math.min(count, Math.ceil((top + Math.max(0, height)) / rowHeight));
  return { start: Math.max(0, first - overscan), end: Math.min(count, Math.max(last, first + 1) + overscan) };
}

/** Rows rendered before the list has been measured: enough for a tall window. */
const unmeasuredHeight = 800;

/**
 * The window of rows to render for a fixed-height list inside the scroll container `scroller`:
 * follows its scrolling (at most once per frame) and its size, reading them only when the browser
 * has laid the page out anyway.
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  rowHeight: number,
  count: number,
  overscan = 10,
): RowWindow {
  const [view, setView] = useState({ top: 0, height: unmeasuredHeight });
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let frame = 0;
    const update = (next: { top: number; height: number }) =>
      setView((current) => (current.top === next.top && current.height === next.height ? current : next));
    // Read on the next frame, when the browser has laid the page out anyway: never forces a layout.
    const onScroll = () => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        update({ top: element.scrollTop, height: element.clientHeight || unmeasuredHeight });
      });
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    // Reports the size after layout (first right after `observe`), without asking for one.
    const resize = new ResizeObserver((entries) => {
      const height = entries.at(-1)?.contentRect.height;
      if (height) update({ top: element.scrollTop, height });
    });
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [scroller]);
  return rowWindow(view.top, view.height, rowHeight, count, overscan);
}
