import type { IBufferCell, Terminal as HeadlessTerminal } from '@xterm/headless';

type TerminalClass = new (options: {
  cols: number;
  rows: number;
  scrollback: number;
  logLevel: 'off';
  allowProposedApi: boolean;
}) => HeadlessTerminal;

/**
 * Draws `snapshot` into a scratch terminal and rewrites every visible cell that came out unlike the
 * source's. @xterm/addon-serialize (0.14) gets some wrong: it turns bold on and dim off with one
 * `SGR 1;22`, and 22 ends both (codex's bold "enter" after a dim "Press" came back plain); and it
 * writes rows wider than the screen (see rowsWiderThanScreen). The rewrites sit between DECSC and
 * DECRC, so the cursor and the current colours stay as the snapshot left them. Only done when one
 * of those can happen; scrollback is not checked (a pane cannot address it).
 */
export async function correctedSnapshot(
  Terminal: TerminalClass,
  source: HeadlessTerminal,
  snapshot: string,
  scrollback: number,
): Promise<string> {
  // A second terminal costs about as much as the serializing: only when a cell can come out wrong.
  if (!endsBoldOrDimInPlace(source) && !rowsWiderThanScreen(source)) return snapshot;
  const scratch = new Terminal({
    cols: source.cols,
    rows: source.rows,
    scrollback,
    logLevel: 'off',
    allowProposedApi: true,
  });
  try {
    await new Promise<void>((resolve) => scratch.write(snapshot, resolve));
    // Resized meanwhile, or drawn into the other buffer: cell for cell no longer says anything.
    if (
      scratch.buffer.active.type !== source.buffer.active.type ||
      scratch.cols !== source.cols ||
      scratch.rows !== source.rows
    )
      return snapshot;
    const fixes = rewrites(source, scratch);
    return fixes ? `${snapshot}\x1b7${fixes}\x1b8` : snapshot;
  } finally {
    scratch.dispose();
  }
}

/**
 * True when a visible row holds more cells than the screen is wide: xterm keeps an alternate
 * screen's rows at their old width when it shrinks, and the serializer writes every cell of a row,
 * so a row an agent had filled with a background (opencode) wrapped and the whole screen came back
 * shifted.
 */
function rowsWiderThanScreen(source: HeadlessTerminal): boolean {
  const buffer = source.buffer.active;
  for (let y = 0; y < source.rows; y++) {
    if ((buffer.getLine(buffer.baseY + y)?.length ?? 0) > source.cols) return true;
  }
  return false;
}

/**
 * True when some visible cell keeps bold or dim while the one before it (in drawing order) had the
 * other: where the serializer's SGR 22 ends both.
 */
function endsBoldOrDimInPlace(source: HeadlessTerminal): boolean {
  const buffer = source.buffer.active;
  const cell = buffer.getNullCell();
  let bold = false;
  let dim = false;
  for (let y = 0; y < source.rows; y++) {
    const line = buffer.getLine(buffer.baseY + y);
    if (!line) continue;
    for (let x = 0; x < source.cols; x++) {
      if (!line.getCell(x, cell) || !cell.getChars()) continue;
      const nowBold = cell.isBold() !== 0;
      const nowDim = cell.isDim() !== 0;
      if ((nowBold && dim && !nowDim) || (nowDim && bold && !nowBold)) return true;
      // The first cell follows scrollback this does not look at.
      if (y === 0 && x === 0 && (nowBold || nowDim)) return true;
      bold = nowBold;
      dim = nowDim;
    }
  }
  return false;
}

/** Each visible row that came out unlike the source, written again from its first wrong cell to its last. */
function rewrites(source: HeadlessTerminal, drawn: HeadlessTerminal): string {
  const want = source.buffer.active;
  const got = drawn.buffer.active;
  const cell = want.getNullCell();
  const other = got.getNullCell();
  let out = '';
  for (let y = 0; y < source.rows; y++) {
    const wantLine = want.getLine(want.baseY + y);
    const gotLine = got.getLine(got.baseY + y);
    if (!wantLine || !gotLine) continue;
    let first = -1;
    let last = -1;
    for (let x = 0; x < source.cols; x++) {
      if (wantLine.getCell(x, cell) && gotLine.getCell(x, other) && sameCell(cell, other)) continue;
      if (first < 0) first = x;
      last = x;
    }
    if (first < 0) continue;
    // Not from the right half of a wide character.
    while (first > 0 && wantLine.getCell(first, cell)?.getWidth() === 0) first--;
    out += `\x1b[${y + 1};${first + 1}H`;
    let style = '';
    for (let x = first; x <= last; x++) {
      if (!wantLine.getCell(x, cell) || cell.getWidth() === 0) continue;
      const sgr = sgrOf(cell);
      if (sgr !== style) out += `\x1b[${(style = sgr)}m`;
      // An empty cell is erased in its background (ECH), then stepped over.
      out += cell.getChars() || '\x1b[X\x1b[C';
    }
  }
  return out;
}

function sameCell(a: IBufferCell, b: IBufferCell): boolean {
  return (
    a.getChars() === b.getChars() &&
    a.getWidth() === b.getWidth() &&
    colourOf(a, 'fg') === colourOf(b, 'fg') &&
    colourOf(a, 'bg') === colourOf(b, 'bg') &&
    flagsOf(a) === flagsOf(b)
  );
}

/** A colour as drawn: palette 6 from `38;5;6` is the same as from `36`. */
function colourOf(cell: IBufferCell, which: 'fg' | 'bg'): string {
  const fg = which === 'fg';
  if (fg ? cell.isFgDefault() : cell.isBgDefault()) return 'default';
  const colour = fg ? cell.getFgColor() : cell.getBgColor();
  return (fg ? cell.isFgRGB() : cell.isBgRGB()) ? `rgb${colour}` : `palette${colour}`;
}

const flagCodes: [keyof IBufferCell, number][] = [
  ['isBold', 1],
  ['isDim', 2],
  ['isItalic', 3],
  ['isUnderline', 4],
  ['isBlink', 5],
  ['isInverse', 7],
  ['isInvisible', 8],
  ['isStrikethrough', 9],
  ['isOverline', 53],
];

function flagsOf(cell: IBufferCell): string {
  return flagCodes.map(([flag]) => ((cell[flag] as () => number).call(cell) ? '1' : '0')).join('');
}

/** The SGR parameters that draw `cell` from a reset pen. */
function sgrOf(cell: IBufferCell): string {
  const codes: (number | string)[] = [0];
  for (const [flag, code] of flagCodes) if ((cell[flag] as () => number).call(cell)) codes.push(code);
  for (const which of ['fg', 'bg'] as const) {
    const fg = which === 'fg';
    if (fg ? cell.isFgDefault() : cell.isBgDefault()) continue;
    const colour = fg ? cell.getFgColor() : cell.getBgColor();
    const base = fg ? 38 : 48;
    if (fg ? cell.isFgRGB() : cell.isBgRGB())
      codes.push(base, 2, (colour >>> 16) & 0xff, (colour >>> 8) & 0xff, colour & 0xff);
    else codes.push(base, 5, colour);
  }
  return codes.join(';');
}
