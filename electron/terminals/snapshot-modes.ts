import type { IDisposable, Terminal } from '@xterm/headless';

type Params = (number | number[])[];

/** A parameter as a number (a parameter given with sub-parameters counts by its first). */
const numberOf = (param: number | number[] | undefined): number =>
  Array.isArray(param) ? (param[0] ?? 0) : (param ?? 0);

/**
 * Terminal state that @xterm/addon-serialize leaves out of a snapshot but a restored pane must have,
 * followed as the agent sets it: a hidden cursor (gemini, qwen and codex draw their own; restored
 * without it a stray block sits on their screen), SGR mouse reports (opencode: restored without it
 * the pane reports clicks and wheel in X10 bytes the agent reads as typed text), and the cursor's
 * shape (DECSCUSR). The handlers only watch: xterm still runs its own (they return false).
 */
export class SnapshotModes {
  private cursorHidden = false;
  /** 1006 (SGR) or 1016 (SGR in pixels) while set; xterm's default encoding otherwise. */
  private mouseEncoding: 1006 | 1016 | null = null;
  /** The DECSCUSR parameter last set; null for the terminal's own shape. */
  private cursorShape: number | null = null;
  private readonly handlers: IDisposable[];

  constructor(terminal: Pick<Terminal, 'parser'>) {
    const { parser } = terminal;
    this.handlers = [
      parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => this.privateMode(params, true)),
      parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => this.privateMode(params, false)),
      parser.registerCsiHandler({ intermediates: ' ', final: 'q' }, (params) => {
        const shape = numberOf(params[0]);
        this.cursorShape = shape === 0 ? null : shape;
        return false;
      }),
      // DECSTR (soft reset) shows the cursor and forgets its shape; RIS resets everything.
      parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => {
        this.cursorHidden = false;
        this.cursorShape = null;
        return false;
      }),
      parser.registerEscHandler({ final: 'c' }, () => {
        this.cursorHidden = false;
        this.cursorShape = null;
        this.mouseEncoding = null;
        return false;
      }),
    ];
  }

  /** Sequences that set these again, for the end of a snapshot. */
  sequences(): string {
    let out = '';
    if (this.mouseEncoding !== null) out += `\x1b[?${this.mouseEncoding}h`;
    if (this.cursorShape !== null) out += `\x1b[${this.cursorShape} q`;
    if (this.cursorHidden) out += '\x1b[?25l';
    return out;
  }

  dispose(): void {
    for (const handler of this.handlers) handler.dispose();
  }

  private privateMode(params: Params, set: boolean): boolean {
    for (const param of params) {
      const mode = numberOf(param);
      if (mode === 25) this.cursorHidden = !set;
      // As xterm does: setting one picks it; resetting either goes back to the default encoding.
      else if (mode === 1006 || mode === 1016) this.mouseEncoding = set ? mode : null;
    }
    return false;
  }
}
