import { AppError } from '../../shared/errors';
import type { TerminalKind } from '../../shared/contract/terminal';
import type { TerminalViewer } from './terminal-viewer';

/** Where thread terminals live: in this process (threads/thread-runtime.ts) or in the agent host (agent-host/). */
export interface TerminalBackend {
  write(threadId: string, data: string): boolean;
  resize(threadId: string, cols: number, rows: number): boolean;
  attach(threadId: string, link: TerminalViewer): Promise<{ data: string; end: number }>;
  detach(threadId: string, linkId: string): boolean;
  ack(threadId: string, linkId: string, chars: number): void;
  /** A window went away: it no longer holds any agent back. */
  disconnect(linkId: string): void;
}

/**
 * Every thread's terminals by id and kind (the agent's, or the plain shell beside it,
 * shell-sessions.ts), for the windows: input, resize, attach, detach and
 * acknowledgements. One guard (`throwIfNoThread`, VS Code's ptyService has throwIfNoPty) refuses
 * an id that names no thread, with the same not-found error everywhere; a thread whose agent is not
 * running answers false (nothing typed, nothing resized) rather than an error.
 */
export class TerminalService {
  constructor(
    private readonly backend: TerminalBackend,
    /** Throws the not-found error for an unknown thread. */
    private readonly throwIfNoThread: (threadId: string) => void,
    /** The plain shells beside the agents; without it a shell terminal is refused as unsupported. */
    private readonly shells: TerminalBackend | null = null,
  ) {}

  private backendFor(kind: TerminalKind): TerminalBackend {
    if (kind === 'agent') return this.backend;
    if (!this.shells) throw new AppError('unsupported', 'This host has no plain terminals beside the agents.');
    return this.shells;
  }

  input(threadId: string, data: string, kind: TerminalKind = 'agent'): boolean {
    this.throwIfNoThread(threadId);
    return this.backendFor(kind).write(threadId, data);
  }

  resize(threadId: string, cols: number, rows: number, kind: TerminalKind = 'agent'): boolean {
    this.throwIfNoThread(threadId);
    return this.backendFor(kind).resize(threadId, cols, rows);
  }

  /** The pane gets its screen and scrollback as a snapshot (ending at `end`), then `terminal.data` from `end` on. */
  attach(
    threadId: string,
    viewer: TerminalViewer,
    kind: TerminalKind = 'agent',
  ): Promise<{ data: string; end: number }> {
    this.throwIfNoThread(threadId);
    return this.backendFor(kind).attach(threadId, viewer);
  }

  detach(threadId: string, viewer: TerminalViewer, kind: TerminalKind = 'agent'): boolean {
    return this.backendFor(kind).detach(threadId, viewer.id);
  }

  ack(threadId: string, viewer: TerminalViewer, chars: number, kind: TerminalKind = 'agent'): void {
    this.backendFor(kind).ack(threadId, viewer.id, chars);
  }

  disconnect(viewer: TerminalViewer): void {
    this.backend.disconnect(viewer.id);
    this.shells?.disconnect(viewer.id);
  }
}
