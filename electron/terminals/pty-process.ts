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
