import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as xtermHeadless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { type HeadlessTerminal, ScreenMirror } from './screen-mirror';

const { Terminal } =
  (xtermHeadless as typeof xtermHeadless & { default?: typeof xtermHeadless }).default ?? xtermHeadless;

/** Recorded real CLI sessions (scripts/record-cli-screens.mjs): the bytes, cut into the chunks they came in. */
const fixturesDir = path.join(__dirname, '..', 'status', 'fixtures');
function recorded(name: string): { cols: number; rows: number; chunks: string[] } {
  const raw = readFileSync(path.join(fixturesDir, `${name}.txt`));
  const sidecar = JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')) as {
    cols: number;
    rows: number;
    chunks: [number, number][];
  };
  let offset = 0;
  const chunks = sidecar.chunks.map(([, bytes]) => raw.subarray(offset, (offset += bytes)).toString('utf8'));
  return { cols: sidecar.cols, rows: sidecar.rows, chunks };
}

/**
 * What a pane's xterm does with input and how it draws, beyond the cells: xterm has no public API
 * for these, so the test reads them from its core (a test-only dependency on xterm's internals).
 */
function terminalState(terminal: HeadlessTerminal) {
  const core = (terminal as unknown as { _core: Core })._core;
  const buffer = terminal.buffer.active;
  return {
    buffer: buffer.type,
    cursor: { x: buffer.cursorX, y: buffer.cursorY },
    cursorHidden: core.coreService.isCursorHidden,
    mouse: { protocol: core.coreMouseService.activeProtocol, encoding: core.coreMouseService.activeEncoding },
    cursorStyle: core.coreService.decPrivateModes.cursorStyle,
    cursorBlink: core.coreService.decPrivateModes.cursorBlink,
    modes: terminal.modes,
  };
}
interface Core {
  coreService: { isCursorHidden: boolean; decPrivateModes: { cursorStyle?: string; cursorBlink?: boolean } };
  coreMouseService: { activeProtocol: string; activeEncoding: string };
}

/** Every cell of the visible screen: its text and how it is drawn. */
function cells(terminal: HeadlessTerminal): string[] {
  const buffer = terminal.buffer.active;
  const rows: string[] = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.baseY + y);
    const row: string[] = [];
    for (let x = 0; x < terminal.cols; x++) {
      const cell = line?.getCell(x);
      if (!cell) continue;
      row.push(
        [
          cell.getChars() || ' ',
          cell.getWidth(),
          // A palette colour is drawn the same from `38;5;6` as from `36`: compared by colour, not by encoding.
          cell.isFgDefault() ? 'd' : cell.getFgColor(),
          cell.isBgDefault() ? 'd' : cell.getBgColor(),
          cell.isBold(),
          cell.isDim(),
          cell.isItalic(),
          cell.isUnderline(),
          cell.isInverse(),
          cell.isInvisible(),
          cell.isStrikethrough(),
        ].join(','),
      );
    }
    rows.push(row.join('|'));
  }
  return rows;
}

/** The mirror's snapshot drawn into a fresh terminal of its size: what a restored pane holds. */
async function restored(mirror: ScreenMirror): Promise<HeadlessTerminal> {
  const pane = new Terminal({
    cols: mirror.cols,
    rows: mirror.rows,
    scrollback: 1_000,
    logLevel: 'off',
    allowProposedApi: true,
  });
  const snapshot = await mirror.render();
  await new Promise<void>((resolve) => pane.write(snapshot, resolve));
  return pane;
}

async function mirrorOf(chunks: string[], cols = 80, rows = 24): Promise<ScreenMirror> {
  const mirror = new ScreenMirror(cols, rows);
  for (const chunk of chunks) mirror.write(chunk);
  await mirror.parsed();
  return mirror;
}

describe('ScreenMirror snapshots of real CLI screens', () => {
  const fixtures = readdirSync(fixturesDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length));

  it.each(fixtures)(
    '%s: a restored pane has the same cells, cursor, cursor visibility and mouse mode',
    async (name) => {
      const screen = recorded(name);
      const mirror = await mirrorOf(screen.chunks, screen.cols, screen.rows);
      const pane = await restored(mirror);
      expect(cells(pane)).toEqual(cells(mirror.emulator!));
      expect(terminalState(pane)).toEqual(terminalState(mirror.emulator!));
      pane.dispose();
      mirror.dispose();
    },
  );
});

describe('ScreenMirror snapshots keep what the serializer leaves out', () => {
  it('a hidden cursor stays hidden (gemini, qwen and codex draw their own)', async () => {
    const mirror = await mirrorOf(['\x1b[?25lPick one:\r\n> 1. yes\r\n  2. no']);
    expect(terminalState(await restored(mirror)).cursorHidden).toBe(true);
    mirror.write('\x1b[?25h');
    expect(terminalState(await restored(mirror)).cursorHidden).toBe(false);
  });

  it('SGR mouse reports stay SGR (opencode): the agent would read X10 reports as typed text', async () => {
    const mirror = await mirrorOf(['\x1b[?1003h\x1b[?1006hAsk anything']);
    expect(terminalState(await restored(mirror)).mouse).toEqual({ protocol: 'ANY', encoding: 'SGR' });
    mirror.write('\x1b[?1006l');
    expect(terminalState(await restored(mirror)).mouse).toEqual({ protocol: 'ANY', encoding: 'DEFAULT' });
    mirror.write('\x1b[?1016h');
    expect(terminalState(await restored(mirror)).mouse).toEqual({ protocol: 'ANY', encoding: 'SGR_PIXELS' });
  });

  it('the cursor shape the agent chose (DECSCUSR) is kept; a reset forgets it', async () => {
    const mirror = await mirrorOf(['\x1b[6 q> ']);
    expect(terminalState(await restored(mirror))).toMatchObject({ cursorStyle: 'bar', cursorBlink: false });
    mirror.write('\x1b[0 q');
    expect(terminalState(await restored(mirror))).toMatchObject({ cursorStyle: undefined, cursorBlink: undefined });
    mirror.write('\x1b[1 q\x1b[?25l\x1bc');
    expect(terminalState(await restored(mirror))).toMatchObject({ cursorStyle: undefined, cursorHidden: false });
  });

  it('bold right after dim stays bold, and dim after bold-and-dim stays dim (one SGR 22 ends both)', async () => {
    // codex's sign-in: a dim "Press ", a bold "enter", a dim " to continue".
    const mirror = await mirrorOf([
      '\x1b[2m  Press \x1b[22m\x1b[1menter\x1b[22m\x1b[2m to continue\x1b[0m\r\n\x1b[1;2mboth\x1b[22;2mdim',
    ]);
    const pane = await restored(mirror);
    expect(cells(pane)).toEqual(cells(mirror.emulator!));
    expect(pane.buffer.active.getLine(0)?.getCell(8)?.isBold()).toBeTruthy();
    expect(pane.buffer.active.getLine(1)?.getCell(4)?.isDim()).toBeTruthy();
  });

  it('a full-screen agent that filled its rows with a background is restored unwrapped after the pane shrank (opencode)', async () => {
    const mirror = await mirrorOf(
      ['\x1b[?1049h\x1b[48;2;10;10;10m' + (' '.repeat(140) + '\r\n').repeat(23) + '\x1b[1;1HAsk anything\x1b[0m'],
      140,
      24,
    );
    mirror.resize(88, 24);
    mirror.write('\x1b[24;1H\x1b[38;2;128;128;128mswitchyard/real-opencode\x1b[12;11H');
    await mirror.parsed();
    const pane = await restored(mirror);
    expect(cells(pane)).toEqual(cells(mirror.emulator!));
    expect(terminalState(pane)).toEqual(terminalState(mirror.emulator!));
  });

  it('screen lines hold what the screen shows, not cells an alternate screen kept past its width after a shrink', async () => {
    const mirror = await mirrorOf(['\x1b[?1049h\x1b[1;1Hleft\x1b[1;60Hright'], 80, 4);
    mirror.resize(40, 4);
    expect((await mirror.screenLines())[0]).toBe('left');
  });

  it('the cursor is where the agent left it after a row written to its last column (opencode)', async () => {
    const mirror = await mirrorOf(['\x1b[24;75H1.18.33\x1b[19;27H'], 81, 24);
    const pane = await restored(mirror);
    expect(terminalState(pane).cursor).toEqual({ x: 26, y: 18 });
  });

  it('a cursor waiting to wrap at the right edge stays there: the next character starts a new line', async () => {
    const mirror = await mirrorOf(['x'.repeat(10)], 10, 4);
    const pane = await restored(mirror);
    mirror.write('y');
    pane.write('y');
    await mirror.parsed();
    await new Promise<void>((resolve) => pane.write('', resolve));
    expect(cells(pane)).toEqual(cells(mirror.emulator!));
    expect(terminalState(pane).cursor).toEqual(terminalState(mirror.emulator!).cursor);
  });
});
