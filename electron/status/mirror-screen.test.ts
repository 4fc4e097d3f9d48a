import { describe, expect, it } from 'vitest';
import { ScreenMirror } from '../terminals/screen-mirror';
import { HeadlessScreen } from './headless-screen';
import { MirrorScreen } from './mirror-screen';

const parsed = (screen: { whenParsed(callback: () => void): void }) =>
  new Promise<void>((resolve) => screen.whenParsed(resolve));

describe('MirrorScreen', () => {
  it('reads the same screen from the mirror as a status screen of its own would', async () => {
    const output = '0123456789abcdef\r\n\x1b[32mshort\x1b[0m\r\n\x1b[?2004hask? ';
    const mirror = new ScreenMirror(10, 4);
    const own = new HeadlessScreen(10, 4);
    const screen = new MirrorScreen(mirror);
    mirror.write(output);
    own.write(output);
    // Not parsed yet: the text is still readable, and the mode switch already counts.
    expect(screen.snapshotIncludingUnparsed().lines.at(-1)).toMatch(/^ask\?/);
    expect(screen.bracketedPasteMode).toBe(true);
    await parsed(screen);
    await parsed(own);
    expect(screen.snapshot()).toEqual(own.snapshot());
    expect(screen.snapshot()).toEqual({ lines: ['0123456789abcdef', 'short', 'ask?'], cursorLine: 2 });
    expect(screen.bracketedPasteMode).toBe(true);
    // The mirror is the thread's, not the tracker's: disposing the view leaves it working.
    screen.dispose();
    expect(await mirror.screenLines()).toContain('short');
    mirror.dispose();
    own.dispose();
    expect(screen.snapshot().lines).toEqual([]);
  });
});
