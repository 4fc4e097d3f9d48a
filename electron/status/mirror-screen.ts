import type { ScreenMirror } from '../terminals/screen-mirror';
import {
  bracketedPasteOn,
  snapshotOf,
  withPendingText,
  type ScreenSnapshot,
  type StatusScreen,
} from './headless-screen';

const blank: ScreenSnapshot = { lines: [], cursorLine: 0 };

/**
 * The status tracker's view of a thread's screen mirror (terminals/screen-mirror.ts), so a thread
 * keeps one headless terminal instead of two. The mirror is fed by the terminal stream — every
 * character the windows get, an unwatched flood only at the unwatched read budget
 * (shared/flow-control.ts) — and sized by the runtime, and it outlives the run: writes, resizes and
 * disposal here do nothing.
 */
export class MirrorScreen implements StatusScreen {
  constructor(private readonly mirror: ScreenMirror) {}

  write(): void {
    // The terminal stream writes to the mirror.
  }

  get bracketedPasteMode(): boolean {
    const terminal = this.mirror.emulator;
    return terminal ? bracketedPasteOn(terminal, this.mirror.pendingText()) : false;
  }

  resize(): void {
    // The runtime resizes the mirror with the pty.
  }

  whenParsed(callback: () => void): void {
    this.mirror.whenParsed(callback);
  }

  snapshot(): ScreenSnapshot {
    const terminal = this.mirror.emulator;
    return terminal ? snapshotOf(terminal) : blank;
  }

  snapshotIncludingUnparsed(): ScreenSnapshot {
    const terminal = this.mirror.emulator;
    return terminal ? withPendingText(snapshotOf(terminal), this.mirror.pendingText(), terminal.rows) : blank;
  }

  dispose(): void {
    // The mirror belongs to the thread's terminal, not to one run of it.
  }
}
