import { describe, expect, it } from 'vitest';
import { StatusTracker } from './status-tracker';
import { HeadlessScreen, snapshotOf } from './headless-screen';
import { ScreenMirror } from '../terminals/screen-mirror';

const parsed = (screen: HeadlessScreen) => new Promise<void>((resolve) => screen.whenParsed(resolve));

describe('HeadlessScreen', () => {
  it('shows the rendered screen: soft-wrapped rows joined, the cursor’s line known', async () => {
    const screen = new HeadlessScreen(10, 4);
    screen.write('0123456789abcdef\r\nshort\r\nask? ');
    await parsed(screen);
    expect(screen.snapshot()).toEqual({ lines: ['0123456789abcdef', 'short', 'ask?'], cursorLine: 2 });
    screen.dispose();
  });

  it('reads only what is on screen after a full-screen program was shrunk (xterm keeps its wider rows)', async () => {
    const mirror = new ScreenMirror(140, 10);
    mirror.write(`\x1b[?1049h\x1b[H${'a'.repeat(100)}LEFTOVER`);
    await mirror.parsed();
    mirror.resize(88, 10);
    const lines = snapshotOf(mirror.emulator!).lines;
    mirror.dispose();
    expect(lines[0]).toBe('a'.repeat(88));
    expect(lines.join('')).not.toContain('LEFTOVER');
  });

  it('can be read before the parser has caught up (an exit right after the last output)', () => {
    const screen = new HeadlessScreen(40, 5);
    screen.write('\u001b[31mError: it broke\u001b[0m\r\n');
    const snapshot = screen.snapshotIncludingUnparsed();
    expect(snapshot.lines).toContain('Error: it broke');
    screen.dispose();
  });

  it('skips ahead under a flood instead of queueing it all, and still ends on the last lines', async () => {
    const screen = new HeadlessScreen(100, 30);
    let chunk = '';
    for (let i = 0; i < 60_000; i++) {
      chunk += `line ${String(i).padStart(6, '0')} ${'y'.repeat(66)}\r\n`;
      if (chunk.length > 65_536) {
        screen.write(chunk);
        chunk = '';
      }
    }
    screen.write(`${chunk}the end`);
    await parsed(screen);
    const lines = screen.snapshot().lines.filter((line) => line !== '');
    expect(lines.at(-1)).toBe('the end');
    expect(lines.at(-2)).toContain('line 059999');
    // About 4.6 MB went in; only a tail of it was emulated.
    expect(screen.charsParsed).toBeLessThan(100_000);
    screen.dispose();
  });

  it('knows when the program wants pastes bracketed, parsed or not', async () => {
    const screen = new HeadlessScreen(40, 5);
    expect(screen.bracketedPasteMode).toBe(false);
    screen.write('\u001b[?2004h> ');
    expect(screen.bracketedPasteMode).toBe(true);
    await parsed(screen);
    expect(screen.bracketedPasteMode).toBe(true);
    screen.write('bye\u001b[?2004l\r\n');
    expect(screen.bracketedPasteMode).toBe(false);
    screen.dispose();
  });

  it('costs well under 10 MB per idle thread', async () => {
    const before = process.memoryUsage().heapUsed;
    const trackers: StatusTracker[] = [];
    for (let i = 0; i < 40; i++) {
      const tracker = new StatusTracker({ profileId: 'claude', cols: 200, rows: 50, onChange: () => undefined });
      for (let row = 0; row < 60; row++) tracker.output(`\u001b[3${row % 8}m${'x'.repeat(190)}\u001b[0m\r\n`);
      trackers.push(tracker);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    const perThread = (process.memoryUsage().heapUsed - before) / trackers.length;
    // Measured at about 0.2 MB; garbage not yet collected only inflates the figure.
    expect(perThread).toBeLessThan(2 * 1024 * 1024);
    for (const tracker of trackers) tracker.dispose();
  });
});
