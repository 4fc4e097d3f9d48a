import * as pty from 'node-pty';
import { OutputBatcher } from './output-batcher';
import { stopProcessTree } from './process-tree';
import { ScrollbackRing } from './scrollback-ring';

export interface TerminalLaunch {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cols: number;
  readonly rows: number;
}

export interface TerminalEvents {
  /** A batch of output, with the stream offset of its first character. */
  onData(start: number, data: string): void;
  onExit(exitCode: number, signal: number | null): void;
}

/**
 * One agent process in a real pty: output is batched, kept in a bounded ring for replay,
 * and input is written in the order it arrives.
 */
export class TerminalSession {
  private readonly process: pty.IPty;
  private readonly ring = new ScrollbackRing();
  private readonly batcher: OutputBatcher;
  private exited = false;
  private exitPromise: Promise<void>;

  constructor(launch: TerminalLaunch, events: TerminalEvents) {
    this.batcher = new OutputBatcher((data) => {
      const start = this.ring.end;
      this.ring.append(data);
      events.onData(start, data);
    });
    this.process = pty.spawn(launch.file, [...launch.args], {
      name: 'xterm-256color',
      cwd: launch.cwd,
      env: launch.env,
      cols: launch.cols,
      rows: launch.rows,
      encoding: 'utf8',
    });
    this.process.onData((data) => this.batcher.push(data));
    this.exitPromise = new Promise((resolve) => {
      this.process.onExit(({ exitCode, signal }) => {
        this.exited = true;
        // Trailing output must reach the viewer before the exit is reported.
        this.batcher.flush();
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

  replay(): { data: string; end: number } {
    this.batcher.flush();
    return this.ring.snapshot();
  }

  /** Stops the agent and every process it started; resolves once the pty has exited. */
  async stop(): Promise<void> {
    if (this.exited) return;
    await stopProcessTree(this.process.pid);
    await Promise.race([this.exitPromise, new Promise((resolve) => setTimeout(resolve, 2000))]);
  }
}
