import * as xtermHeadless from '@xterm/headless';
import { lastLines } from '../threads/screen-text';

/**
 * @xterm/headless is CommonJS flagged `__esModule`: bundlers (esbuild) see `Terminal` on the
 * namespace, Node's own ESM loader (vitest) only under `default`.
 */
const { Terminal } =
  (xtermHeadless as typeof xtermHeadless & { default?: typeof xtermHeadless }).default ?? xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

/** What a person would see in the terminal window right now. */
export interface ScreenSnapshot {
  /** The visible screen top to bottom, rows the terminal soft-wrapped joined back, right-trimmed. */
  readonly lines: readonly string[];
  /** Index in `lines` of the line holding the cursor. */
  readonly cursorLine: number;
}

/**
 * Output the emulator may fall behind by before it skips ahead. Parsing runs at 5–35 MB/s; an
 * agent flooding faster would otherwise grow memory without bound (xterm drops data beyond 50 MB).
 */
const maxBacklogChars = 1_000_000;
/** What is kept of skipped output: enough to rebuild the bottom of a line-oriented screen. */
const skippedTailChars = 64_000;

/**
 * A terminal emulator without a window: pty output goes in, the rendered screen comes out, so
 * status rules see what the dispatcher sees (cursor moves, redraws and clears applied) rather
 * than the raw byte stream. No scrollback: only the visible screen is ever read.
 */
export class HeadlessScreen {
  private readonly terminal: HeadlessTerminal;
  /** Chunks written and not yet parsed, oldest first (callbacks run in write order). */
  private readonly unparsed: string[] = [];
  private backlogChars = 0;
  private skipped = '';
  private disposed = false;

  constructor(cols: number, rows: number) {
    // The buffer API counts as "proposed" in the headless build.
    this.terminal = new Terminal({ cols, rows, scrollback: 0, logLevel: 'off', allowProposedApi: true });
  }

  write(data: string): void {
    if (this.disposed || data === '') return;
    if (this.backlogChars > maxBacklogChars) {
      this.skipped = (this.skipped + data).slice(-skippedTailChars);
      return;
    }
    this.backlogChars += data.length;
    this.unparsed.push(data);
    this.terminal.write(data, () => {
      this.unparsed.shift();
      this.backlogChars -= data.length;
      if (this.backlogChars === 0 && this.skipped !== '') {
        const tail = this.skipped;
        this.skipped = '';
        this.write(tail);
      }
    });
  }

  /** The program asked for pasted text to be bracketed (DECSET 2004), as TUIs with an input box do. */
  get bracketedPasteMode(): boolean {
    return !this.disposed && this.terminal.modes.bracketedPasteMode;
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || (cols === this.terminal.cols && rows === this.terminal.rows)) return;
    this.terminal.resize(Math.max(2, cols), Math.max(1, rows));
  }

  /** Calls back once everything written so far is on the screen: at once when it already is. */
  whenParsed(callback: () => void): void {
    if (this.disposed) return;
    if (this.unparsed.length === 0 && this.skipped === '') {
      callback();
      return;
    }
    this.terminal.write('', () => {
      if (!this.disposed) callback();
    });
  }

  snapshot(): ScreenSnapshot {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    let cursorLine = 0;
    for (let row = 0; row < this.terminal.rows; row++) {
      const line = buffer.getLine(buffer.baseY + row);
      const text = line?.translateToString(true) ?? '';
      if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
      if (row === buffer.cursorY) cursorLine = lines.length - 1;
    }
    return { lines: lines.map((line) => line.trimEnd()), cursorLine };
  }

  /**
   * The screen plus, below it, the text of output not parsed yet: for a reading that cannot wait
   * for the parser (the program has just exited and its last words may still be queued).
   */
  snapshotIncludingUnparsed(): ScreenSnapshot {
    const pending = this.unparsed.join('') + this.skipped;
    const screen = this.snapshot();
    if (pending === '') return screen;
    const extra = lastLines(pending, this.terminal.rows);
    if (extra.length === 0) return screen;
    return { lines: [...screen.lines, ...extra], cursorLine: screen.lines.length + extra.length - 1 };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unparsed.length = 0;
    this.skipped = '';
    this.terminal.dispose();
  }
}
