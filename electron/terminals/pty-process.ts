import * as pty from 'node-pty';
import { drainBeforeClose } from './exit-drain';
import { stopProcessTree } from './process-tree';

export interface PtyLaunch {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cols: number;
  readonly rows: number;
}

export interface PtyEvents {
  onData(data: string): void;
  onExit(exitCode: number, signal: number | null): void;
}

/**
 * One program in a real pty. Output is decoded as a UTF-8 stream by node-pty (a character split
 * across reads stays whole); input is written in arrival order; pause/resume stop reading output
 * (the program blocks on a full pty) without ever dropping a byte.
 */
export class PtyProcess {
  private readonly process: pty.IPty;
  private exited = false;
  private readonly exitPromise: Promise<void>;

  constructor(launch: PtyLaunch, events: PtyEvents) {
    this.process = pty.spawn(launch.file, [...launch.args], {
      name: 'xterm-256color',
      cwd: launch.cwd,
      env: launch.env,
      cols: launch.cols,
      rows: launch.rows,
      encoding: 'utf8',
    });
    let lastOutputAt = Date.now();
    this.process.onData((data) => {
      lastOutputAt = Date.now();
      events.onData(data);
    });
    drainBeforeClose(this.process, () => lastOutputAt);
    this.exitPromise = new Promise((resolve) => {
      this.process.onExit(({ exitCode, signal }) => {
        this.exited = true;
        events.onExit(exitCode, signal ?? null);
        resolve();
      });
    });
  }

  get pid(): number {
    return this.process.pid;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  /**
   * The program in the terminal's foreground, as node-pty reads it on Unix (tcgetpgrp on the pty,
   * then that process group's argv[0] from /proc, or its name from sysctl on macOS: a system call
   * and a short read, cheap enough to ask every second). Null where it cannot say: Windows (node-pty
   * reports the started program there, whatever runs) or after the exit.
   */
  get foregroundProcess(): string | null {
    if (this.exited || process.platform === 'win32') return null;
    try {
      return this.process.process || null;
    } catch {
      return null;
    }
  }

  pause(): void {
    if (!this.exited) this.process.pause();
  }

  resume(): void {
    if (!this.exited) this.process.resume();
  }

  write(data: string): boolean {
    if (this.exited) return false;
    this.process.write(data);
    return true;
  }

  resize(cols: number, rows: number): boolean {
    if (this.exited) return false;
    try {
      this.process.resize(cols, rows);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the program and everything it started; resolves once the pty has exited. */
  async stop(): Promise<void> {
    if (this.exited) return;
    // A paused pty would never report the exit.
    this.process.resume();
    await stopProcessTree(this.process.pid);
    await Promise.race([this.exitPromise, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
}
