import { AppError } from '../../shared/errors';
import type { EventOf } from '../../shared/contract';
import { pathExists } from '../fs/path-exists';
import { PtyProcess } from './pty-process';
import { ScreenMirror } from './screen-mirror';
import { TerminalStream } from './terminal-stream';
import type { TerminalBackend } from './terminal-service';
import type { TerminalViewer } from './terminal-viewer';

/** The program a thread's plain terminal runs, and where it runs. */
export interface ShellLaunch {
  readonly file: string;
  readonly args: readonly string[];
}

export interface ShellSessionOptions {
  /** The thread's worktree folder; throws the not-found error for an unknown thread. */
  readonly worktreeOf: (threadId: string) => string;
  /** Which shell to run; by default the user's (`userShell`). */
  readonly shell?: () => Promise<ShellLaunch>;
  readonly env?: () => Record<string, string>;
}

interface ShellSession {
  readonly stream: TerminalStream;
  readonly mirror: ScreenMirror;
  process: PtyProcess | null;
  /** Set while the shell is being started, so two attaches start one shell. */
  starting: Promise<void> | null;
  size: { cols: number; rows: number };
}

/**
 * The user's shell as a plain terminal: `$SHELL`, else bash, else sh; `COMSPEC` on Windows. Run
 * with no arguments, as a terminal emulator would.
 */
export async function userShell(env: NodeJS.ProcessEnv = process.env): Promise<ShellLaunch> {
  if (process.platform === 'win32') return { file: env.COMSPEC || 'cmd.exe', args: [] };
  for (const candidate of [env.SHELL, '/bin/bash', '/bin/sh']) {
    if (candidate && (await pathExists(candidate))) return { file: candidate, args: [] };
  }
  return { file: '/bin/sh', args: [] };
}

function shellEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // Switchyard's own Electron switch must not make a `node` typed in the shell behave oddly.
  delete env.ELECTRON_RUN_AS_NODE;
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor' };
}

/**
 * A plain terminal beside each thread's agent: a shell in the thread's worktree, started when a
 * window first attaches to it and kept while the thread exists (a shell that exits is started
 * again on the next attach, continuing the same scrollback). It lives in this process, not in
 * the agent host: it ends with the app. It is not an agent — it never counts toward the running
 * limit and never touches the thread's status. Its output streams like an agent's (same flow
 * control, same screen snapshot on attach) to the windows attached to it, tagged `terminal: 'shell'`.
 * Nothing of it is written to disk.
 */
export class ShellSessions implements TerminalBackend {
  private readonly sessions = new Map<string, ShellSession>();
  private readonly sizes = new Map<string, { cols: number; rows: number }>();

  constructor(private readonly options: ShellSessionOptions) {}

  async attach(threadId: string, link: TerminalViewer): Promise<{ data: string; end: number }> {
    const session = this.sessionFor(threadId);
    await this.ensureRunning(threadId, session);
    return session.stream.attachRendered(shellViewer(link), () => session.mirror.render());
  }

  write(threadId: string, data: string): boolean {
    return this.sessions.get(threadId)?.process?.write(data) ?? false;
  }

  resize(threadId: string, cols: number, rows: number): boolean {
    this.sizes.set(threadId, { cols, rows });
    const session = this.sessions.get(threadId);
    if (!session) return false;
    session.size = { cols, rows };
    session.mirror.resize(cols, rows);
    return session.process?.resize(cols, rows) ?? false;
  }

  detach(threadId: string, linkId: string): boolean {
    return this.sessions.get(threadId)?.stream.detach(linkId) ?? false;
  }

  ack(threadId: string, linkId: string, chars: number): void {
    this.sessions.get(threadId)?.stream.ack(linkId, chars);
  }

  disconnect(linkId: string): void {
    for (const { stream } of this.sessions.values()) stream.detach(linkId);
  }

  /** The shell's process id, or null when none runs (tests, diagnostics). */
  pidOf(threadId: string): number | null {
    const process = this.sessions.get(threadId)?.process;
    return process?.isRunning ? process.pid : null;
  }

  /** Stops the thread's shell (and what it started) and forgets its terminal: the thread is going away. */
  async close(threadId: string): Promise<void> {
    const session = this.sessions.get(threadId);
    this.sessions.delete(threadId);
    this.sizes.delete(threadId);
    if (!session) return;
    await session.starting?.catch(() => undefined);
    session.stream.setProducer(null);
    await session.process?.stop();
    session.mirror.dispose();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }

  private sessionFor(threadId: string): ShellSession {
    const existing = this.sessions.get(threadId);
    if (existing) return existing;
    const size = this.sizes.get(threadId) ?? { cols: 120, rows: 32 };
    const mirror = new ScreenMirror(size.cols, size.rows);
    const session: ShellSession = {
      stream: new TerminalStream(threadId, null, {}, mirror),
      mirror,
      process: null,
      starting: null,
      size,
    };
    this.sessions.set(threadId, session);
    return session;
  }

  private async ensureRunning(threadId: string, session: ShellSession): Promise<void> {
    if (session.process?.isRunning) return;
    session.starting ??= this.start(threadId, session).finally(() => {
      session.starting = null;
    });
    await session.starting;
  }

  private async start(threadId: string, session: ShellSession): Promise<void> {
    const cwd = this.options.worktreeOf(threadId);
    if (!(await pathExists(cwd))) {
      throw new AppError(
        'worktree-missing',
        `The worktree folder ${cwd} is missing from disk, so there is nowhere to open a terminal. Remove the thread, or restore the folder.`,
      );
    }
    const shell = await (this.options.shell ?? userShell)();
    // Removed while the shell was being looked up: start nothing.
    if (this.sessions.get(threadId) !== session) return;
    const { stream } = session;
    try {
      const child = new PtyProcess(
        {
          file: shell.file,
          args: shell.args,
          cwd,
          env: (this.options.env ?? shellEnvironment)(),
          cols: session.size.cols,
          rows: session.size.rows,
        },
        {
          onData: (data) => stream.push(data),
          onExit: (exitCode) => {
            stream.flush();
            if (session.process === child) {
              session.process = null;
              stream.setProducer(null);
            }
            stream.push(
              `\r\n\x1b[2m[shell exited with code ${exitCode}; reopen the tab to start a new one]\x1b[0m\r\n`,
            );
          },
        },
      );
      session.process = child;
      stream.setProducer(child);
    } catch (error) {
      throw new AppError(
        'internal',
        `Could not start the shell ${shell.file} in ${cwd}: ${(error as Error).message}. Set SHELL to a shell that exists.`,
      );
    }
  }
}

/** The window as a shell stream sees it: the same window, its output tagged as the shell's. */
function shellViewer(link: TerminalViewer): TerminalViewer {
  return {
    id: link.id,
    send: (event, payload: EventOf<'terminal.data'>) => link.send(event, { ...payload, terminal: 'shell' }),
    ...(link.queuedBytes ? { queuedBytes: () => link.queuedBytes?.() ?? 0 } : {}),
  };
}
