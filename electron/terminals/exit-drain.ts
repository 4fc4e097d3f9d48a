import { closeSync, constants, openSync } from 'node:fs';
import type { IPty } from 'node-pty';
import { exitDrainLimitMs, exitDrainQuietMs } from '../../shared/limits';

/** The parts of node-pty's UnixTerminal this relies on (not in its typings; node-pty is pinned). */
interface UnixTerminalInternals {
  readonly ptsName?: string;
  readonly _socket?: { destroy(error?: Error): unknown; resume(): unknown };
}

/**
 * Makes sure a program's last output is read before its pty is closed.
 *
 * When the last holder of a pty's slave side exits, Linux may report end-of-file on the master
 * while output is still buffered (a `seq 1 60000; echo END` loses its last few KB in a third of
 * runs), and node-pty, once the child has exited, destroys the master after 200 ms even if
 * reading is paused by flow control. So: hold the slave open ourselves (the master never sees a
 * hangup), and when node-pty goes to destroy the master, resume reading, wait until output has
 * been quiet, then let go of the slave and destroy. Unix only; elsewhere it does nothing.
 */
export function drainBeforeClose(pty: IPty, lastOutputAt: () => number): void {
  const internals = pty as unknown as UnixTerminalInternals;
  const socket = internals._socket;
  if (!internals.ptsName || !socket) return;
  let slave: number | null;
  try {
    // Synchronous on purpose: a program that exits at once must not beat the hold. Opening a pts
    // never blocks, and O_NOCTTY keeps it from becoming our controlling terminal.
    slave = openSync(internals.ptsName, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    return;
  }
  const release = () => {
    if (slave === null) return;
    closeSync(slave);
    slave = null;
  };
  const destroy = socket.destroy.bind(socket);
  let draining = false;
  socket.destroy = (error?: Error) => {
    if (error || draining || slave === null) {
      release();
      return destroy(error);
    }
    draining = true;
    socket.resume();
    const startedAt = Date.now();
    const check = () => {
      // Measured from the resume too: paused, nothing may have been read for a long while.
      const quiet = Date.now() - Math.max(lastOutputAt(), startedAt) >= exitDrainQuietMs;
      if (quiet || Date.now() - startedAt >= exitDrainLimitMs) {
        release();
        destroy();
      } else {
        setTimeout(check, exitDrainQuietMs);
      }
    };
    check();
    return socket;
  };
}
