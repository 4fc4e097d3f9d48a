import type { Thread } from '../../shared/models';
import { TerminalSession } from '../terminals/terminal-session';
import type { AgentCommand } from './agent-launch';
import { agentEnvironment } from './agent-launch';
import { type StatusChange, StatusTracker } from './status-tracker';

export interface RuntimeEvents {
  onData(threadId: string, start: number, data: string): void;
  onStatus(threadId: string, change: StatusChange, exitCode: number | null): void;
}

interface LiveThread {
  readonly session: TerminalSession;
  readonly tracker: StatusTracker;
  stoppedByUser: boolean;
}

/** The running side of threads: one pty and one status tracker per live agent. */
export class ThreadRuntime {
  private readonly live = new Map<string, LiveThread>();

  constructor(private readonly events: RuntimeEvents) {}

  start(thread: Thread, command: AgentCommand, size: { cols: number; rows: number }): void {
    let typedPrompt = command.typedPrompt;
    const tracker = new StatusTracker({
      needsInputPatterns: command.profile.needsInputPatterns,
      onChange: (change) => this.events.onStatus(thread.id, change, null),
    });
    const entry: LiveThread = {
      tracker,
      stoppedByUser: false,
      session: new TerminalSession(
        {
          file: command.file,
          args: command.args,
          cwd: thread.worktreePath,
          env: agentEnvironment(process.env, command.env, thread.id),
          cols: size.cols,
          rows: size.rows,
        },
        {
          onData: (start, data) => {
            tracker.output(data);
            this.events.onData(thread.id, start, data);
            if (typedPrompt !== null) {
              const text = typedPrompt;
              typedPrompt = null;
              entry.session.write(`${text}\r`);
            }
          },
          onExit: (exitCode, signal) => {
            tracker.exit(exitCode, signal, entry.stoppedByUser);
            this.events.onStatus(thread.id, tracker.current, exitCode);
          },
        },
      ),
    };
    this.live.set(thread.id, entry);
  }

  isRunning(threadId: string): boolean {
    return this.live.get(threadId)?.session.isRunning ?? false;
  }

  write(threadId: string, data: string): boolean {
    const entry = this.live.get(threadId);
    if (!entry?.session.write(data)) return false;
    entry.tracker.input();
    return true;
  }

  resize(threadId: string, cols: number, rows: number): boolean {
    return this.live.get(threadId)?.session.resize(cols, rows) ?? false;
  }

  replay(threadId: string): { data: string; end: number } {
    return this.live.get(threadId)?.session.replay() ?? { data: '', end: 0 };
  }

  async stop(threadId: string): Promise<void> {
    const entry = this.live.get(threadId);
    if (!entry?.session.isRunning) return;
    entry.stoppedByUser = true;
    await entry.session.stop();
  }

  /** Stops the agent and forgets its terminal. */
  async discard(threadId: string): Promise<void> {
    await this.stop(threadId);
    this.live.get(threadId)?.tracker.dispose();
    this.live.delete(threadId);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.stop(id)));
  }
}
