import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan either side', () => {
    // 24 px rows, a 240 px viewport scrolled to 480 px: rows 20–29 are in view.
    expect(rowWindow(480, 240, 24, 500, 5)).toEqual({ start: 15, end: 35 });
  });

  it('clamps at both ends of the list', () => {
    expect(rowWindow(0, 240, 24, 500, 5)).toEqual({ start: 0, end: 15 });
    expect(rowWindow(500 * 24 - 240, 240, 24, 500, 5)).toEqual({ start: 485, end: 500 });
    // Overscrolled (elastic scrolling) or a list shorter than its viewport.
    expect(rowWindow(-40, 240, 24, 500, 5)).toEqual({ start: 0, end: 15 });
    expect(rowWindow(99_999, 240, 24, 500, 5)).toEqual({ start: 495, end: 500 });
    expect(rowWindow(0, 2400, 24, 7, 5)).toEqual({ start: 0, end: 7 });
  });

  it('counts a row cut by the viewport edge as shown', () => {
    expect(rowWindow(10, 30, 24, 100, 0)).toEqual({ start: 0, end: 2 });
  });

  it('renders nothing for an empty list and at least a row for a collapsed viewport', () => {
    expect(rowWindow(0, 240, 24, 0, 5)).toEqual({ start: 0, end: 0 });
    expect(rowWindow(48, 0, 24, 10, 0)).toEqual({ start: 2, end: 3 });
  });
});
