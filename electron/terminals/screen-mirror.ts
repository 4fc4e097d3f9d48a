import * as xtermHeadless from '@xterm/headless';
import * as serializeAddon from '@xterm/addon-serialize';
import { correctedSnapshot } from './snapshot-check';
import { SnapshotModes } from './snapshot-modes';

/** Both are CommonJS flagged `__esModule`: esbuild sees the class on the namespace, Node's ESM loader under `default`. */
const { Terminal } =
  (xtermHeadless as typeof xtermHeadless & { default?: typeof xtermHeadless }).default ?? xtermHeadless;
const { SerializeAddon } =
  (serializeAddon as typeof serializeAddon & { default?: typeof serializeAddon }).default ?? serializeAddon;
export type HeadlessTerminal = InstanceType<typeof Terminal>;

/** Lines of scrollback a restored pane gets above the screen. */
export const mirrorScrollbackLines = 1_000;

/** Clears a pane completely (RIS) before a snapshot is drawn into it. */
export const resetSequence = '\x1bc';

/**
 * A thread's terminal as a window shows it, kept without a window: every character the stream
 * sends goes in, and a pane that attaches gets the screen and its scrollback serialized for its
 * size (@xterm/addon-serialize) rather than a replay of raw output drawn at another width. The
 * status rules read its visible screen too (status/mirror-screen.ts): one emulator per thread.
 */
export class ScreenMirror {
  private readonly terminal: HeadlessTerminal;
  private readonly serializer: InstanceType<typeof SerializeAddon>;
  /** What the serializer leaves out: cursor visibility and shape, mouse encoding. */
  private readonly modes: SnapshotModes;
  /** Chunks handed to the parser and not parsed yet (callbacks run in write order). */
  private readonly unparsed: string[] = [];
  private disposed = false;

  constructor(cols: number, rows: number, scrollback = mirrorScrollbackLines) {
    this.terminal = new Terminal({ cols, rows, scrollback, logLevel: 'off', allowProposedApi: true });
    this.serializer = new SerializeAddon();
    this.terminal.loadAddon(this.serializer);
    this.modes = new SnapshotModes(this.terminal);
  }

  get cols(): number {
    return this.terminal.cols;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  write(data: string): void {
    if (this.disposed || !data) return;
    this.unparsed.push(data);
    this.terminal.write(data, () => this.unparsed.shift());
  }

  /** The emulator itself, to read its screen and modes (status/mirror-screen.ts); null once disposed. */
  get emulator(): HeadlessTerminal | null {
    return this.disposed ? null : this.terminal;
  }

  /** Output written and not parsed yet, oldest first. */
  pendingText(): string {
    return this.unparsed.join('');
  }

  /** Calls back once everything written so far is parsed: at once when it already is; never once disposed. */
  whenParsed(callback: () => void): void {
    if (this.disposed) return;
    if (this.unparsed.length === 0) {
      callback();
      return;
    }
    this.terminal.write('', () => {
      if (!this.disposed) callback();
    });
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || (cols === this.terminal.cols && rows === this.terminal.rows)) return;
    this.terminal.resize(Math.max(2, cols), Math.max(1, rows));
  }

  /** Resolves once everything written so far is parsed. */
  parsed(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.terminal.write('', resolve));
  }

  /** The screen and scrollback as escape sequences that redraw it (cursor and modes included), after a reset. */
  async render(): Promise<string> {
    await this.parsed();
    if (this.disposed) return resetSequence;
    const serialized = this.serializer.serialize({ scrollback: mirrorScrollbackLines });
    const corrected = await correctedSnapshot(Terminal, this.terminal, serialized, mirrorScrollbackLines);
    if (this.disposed) return resetSequence;
    return resetSequence + corrected + cursorPlacement(this.terminal) + this.modes.sequences();
  }

  /** The visible screen as text, one string per row, right-trimmed (for tests and diagnostics). */
  async screenLines(): Promise<string[]> {
    await this.parsed();
    return visibleLines(this.terminal);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unparsed.length = 0;
    this.modes.dispose();
    this.serializer.dispose();
    this.terminal.dispose();
  }
}

/**
 * The cursor put where the agent left it, absolutely: the serializer's relative moves start from
 * where it thinks its own output left the cursor, and were one column short after a row written to
 * its last column (opencode's input box). A cursor waiting to wrap is left as the serializer put it.
 */
function cursorPlacement(terminal: HeadlessTerminal): string {
  const buffer = terminal.buffer.active;
  if (buffer.cursorX >= terminal.cols) return '';
  return `\x1b[${buffer.cursorY + 1};${buffer.cursorX + 1}H`;
}

function visibleLines(terminal: HeadlessTerminal): string[] {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < terminal.rows; row++) {
    lines.push(
      buffer
        .getLine(buffer.baseY + row)
        // Only the screen's width: an alternate screen's rows keep their cells past it after a shrink.
        ?.translateToString(true, 0, terminal.cols)
        .trimEnd() ?? '',
    );
  }
  return lines;
}

/** Draws `data` (a snapshot) into a fresh terminal of that size and returns its visible rows: what a pane shows. */
export async function drawnLines(data: string, cols: number, rows: number): Promise<string[]> {
  const terminal = new Terminal({
    cols,
    rows,
    scrollback: mirrorScrollbackLines,
    logLevel: 'off',
    allowProposedApi: true,
  });
  await new Promise<void>((resolve) => terminal.write(data, resolve));
  const lines = visibleLines(terminal);
  terminal.dispose();
  return lines;
}
