import * as xtermHeadless from '@xterm/headless';
import { screenHeldChars, screenKeptTailChars, screenParseIntervalMs } from '../../shared/limits';
import { ScrollbackRing } from '../terminals/scrollback-ring';
import { lastLines } from './screen-text';

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
 * The screen the status tracker reads: one of its own (HeadlessScreen, below) or the thread's
 * screen mirror, which already parses everything (status/mirror-screen.ts).
 */
export interface StatusScreen {
  /** Pty output, in order. */
  write(data: string): void;
  readonly bracketedPasteMode: boolean;
  resize(cols: number, rows: number): void;
  /** Calls back once everything written so far is on the screen. */
  whenParsed(callback: () => void): void;
  snapshot(): ScreenSnapshot;
  /** The screen plus the text of output not parsed yet below it. */
  snapshotIncludingUnparsed(): ScreenSnapshot;
  dispose(): void;
}

/** DECSET / DECRST 2004: the program turns bracketed paste on or off. */
const bracketedPasteSwitch = /\x1b\[\?2004([hl])/g;

/** Whether bracketed paste is on: output not parsed yet has the last word over the terminal's mode. */
export function bracketedPasteOn(terminal: HeadlessTerminal, pending: string): boolean {
  let latest: string | undefined;
  for (const match of pending.matchAll(bracketedPasteSwitch)) latest = match[1];
  return latest === undefined ? terminal.modes.bracketedPasteMode : latest === 'h';
}

/** The visible screen of a headless terminal, soft-wrapped rows joined back, right-trimmed. */
export function snapshotOf(terminal: HeadlessTerminal): ScreenSnapshot {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  let cursorLine = 0;
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.baseY + row);
    // Only the screen's width: a full-screen program shrunk keeps its wider rows in xterm.
    const text = line?.translateToString(true, 0, terminal.cols) ?? '';
    if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
    if (row === buffer.cursorY) cursorLine = lines.length - 1;
  }
  return { lines: lines.map((line) => line.trimEnd()), cursorLine };
}

/** `screen` with the last lines of `pending` (output not parsed yet) below it. */
export function withPendingText(screen: ScreenSnapshot, pending: string, rows: number): ScreenSnapshot {
  if (pending === '') return screen;
  const extra = lastLines(pending, rows);
  if (extra.length === 0) return screen;
  return { lines: [...screen.lines, ...extra], cursorLine: screen.lines.length + extra.length - 1 };
}

/**
 * A terminal emulator without a window: pty output goes in, the rendered screen comes out, so
 * status rules see what the dispatcher sees (cursor moves, redraws and clears applied) rather
 * than the raw byte stream. No scrollback: only the visible screen is ever read. Output is parsed
 * in batches at most every `screenParseIntervalMs` (at once when the screen is about to be read), and a
 * flood only by its tail, which keeps an unwatched flood nearly free.
 */
export class HeadlessScreen implements StatusScreen {
  private readonly terminal: HeadlessTerminal;
  /** Output not handed to the parser yet: the last `screenHeldChars` of it. */
  private readonly held = new ScrollbackRing(screenHeldChars);
  /** Characters written since the last parse, dropped ones included. */
  private heldChars = 0;
  private parseTimer: NodeJS.Timeout | null = null;
  /** Chunks handed to the parser and not parsed yet (callbacks run in write order). */
  private readonly unparsed: string[] = [];
  private disposed = false;
  /** Characters handed to the parser so far (what emulation has cost; for tests and benchmarks). */
  charsParsed = 0;

  constructor(cols: number, rows: number) {
    // The buffer API counts as "proposed" in the headless build.
    this.terminal = new Terminal({ cols, rows, scrollback: 0, logLevel: 'off', allowProposedApi: true });
  }

  write(data: string): void {
    if (this.disposed || data === '') return;
    this.held.append(data);
    this.heldChars += data.length;
    this.parseTimer ??= setTimeout(() => this.parseHeld(), screenParseIntervalMs);
  }

  /** The program asked for pasted text to be bracketed (DECSET 2004), as TUIs with an input box do. */
  get bracketedPasteMode(): boolean {
    if (this.disposed) return false;
    // Output not parsed yet has the last word (a TUI that has just started has not been read).
    return bracketedPasteOn(this.terminal, this.pendingText());
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || (cols === this.terminal.cols && rows === this.terminal.rows)) return;
    // Output written before the resize was drawn at the old size.
    this.parseHeld();
    this.terminal.resize(Math.max(2, cols), Math.max(1, rows));
  }

  /** Calls back once everything written so far is on the screen: at once when it already is. */
  whenParsed(callback: () => void): void {
    if (this.disposed) return;
    this.parseHeld();
    if (this.unparsed.length === 0) {
      callback();
      return;
    }
    this.terminal.write('', () => {
      if (!this.disposed) callback();
    });
  }

  snapshot(): ScreenSnapshot {
    return snapshotOf(this.terminal);
  }

  /**
   * The screen plus, below it, the text of output not parsed yet: for a reading that cannot wait
   * for the parser (the program has just exited and its last words may still be queued).
   */
  snapshotIncludingUnparsed(): ScreenSnapshot {
    return withPendingText(this.snapshot(), this.pendingText(), this.terminal.rows);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.parseTimer = null;
    this.unparsed.length = 0;
    this.held.clear();
    this.heldChars = 0;
    this.terminal.dispose();
  }

  private parseHeld(): void {
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.parseTimer = null;
    if (this.disposed || this.heldChars === 0) return;
    const held = this.held.snapshot().data;
    // More than the ring holds came: its head is gone, so the screen is rebuilt from a tail.
    const data = this.heldChars > screenHeldChars ? held.slice(-screenKeptTailChars) : held;
    this.held.clear();
    this.heldChars = 0;
    this.unparsed.push(data);
    this.charsParsed += data.length;
    this.terminal.write(data, () => this.unparsed.shift());
  }

  private pendingText(): string {
    return this.unparsed.join('') + this.held.snapshot().data;
  }
}
