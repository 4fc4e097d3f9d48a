import { exitSettleMs } from '../../shared/limits';
import type { ThreadStatus } from '../../shared/models';
import { PtyProcess } from '../terminals/pty-process';
import { TerminalLog } from '../terminals/terminal-log';
import { ScreenMirror } from '../terminals/screen-mirror';
import { MirrorScreen } from '../status/mirror-screen';
import { TerminalStream } from '../terminals/terminal-stream';
import type { TerminalViewer } from '../terminals/terminal-viewer';
import type { HookEventKind } from '../hooks/hook-protocol';
import { type StatusChange, StatusTracker } from '../status/status-tracker';
import { shellForeground } from '../status/shell-foreground';
import type { FollowUp, FollowUpChange } from '../../shared/follow-ups';
import { promptWaitingNote } from '../../shared/follow-up-notes';
import type { AgentAdoption, AgentRuntime } from './agent-runtime';
import { holdsAgentSlot, isPlainShell, queuedReason } from './agent-slots';
import { FollowUpQueue } from './follow-up-queue';
import { messageKeystrokes, submitDelayMs, submitKey } from './message-keystrokes';

/** One program to run in a thread's terminal: the project's setup command, then the agent. */
export interface LaunchStep {
  readonly kind: 'setup' | 'agent';
  /** Shown in the terminal before the step starts, e.g. the setup command line. */
  readonly banner: string | null;
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /**
   * Typed into the terminal once the program is ready for input (tools that take no prompt
   * argument): the first message of the thread's follow-up queue (follow-up-queue.ts).
   */
  readonly typedPrompt: string | null;
  readonly needsInputPatterns: readonly string[];
  readonly profileId: string;
}

export interface LaunchPlan {
  readonly threadId: string;
  /** The thread's name, for other threads' queued reasons ("… running: "Fix login""); the id when absent. */
  readonly threadName?: string;
  readonly cwd: string;
  readonly steps: readonly LaunchStep[];
  readonly cols: number;
  readonly rows: number;
}

export interface RuntimeEvents {
  /** `since`: when the thread entered this status (ISO), kept from an earlier report of the same status. */
  onStatus(threadId: string, change: StatusChange, exitCode: number | null, since: string): void;
  /** A thread's follow-up queue changed (a message added, edited, removed or delivered). */
  onFollowUps?(threadId: string, items: readonly FollowUp[]): void;
  /** A process was just started in the thread's pty (called before anything else runs: its pid can be recorded first). */
  onSpawned?(threadId: string): void;
}

/** A thread whose agent is running or waiting for a slot, as the runtime sees it now. */
export interface LiveAgent {
  readonly threadId: string;
  readonly state: 'running' | 'queued';
  /** The pty's process id (the agent, or its setup command); null while queued. */
  readonly pid: number | null;
  readonly status: ThreadStatus;
  readonly reason: string | null;
  /** When it entered that status (ISO); null before its first report. */
  readonly statusSince: string | null;
}

export interface RuntimeOptions {
  readonly dataDir: string;
  /** Agents allowed to run at once; read at each start so a settings change applies at once. */
  readonly maxRunning: () => number;
  readonly events: RuntimeEvents;
}

interface ThreadTerminal {
  readonly stream: TerminalStream;
  readonly mirror: ScreenMirror;
}

interface LiveThread {
  readonly plan: LaunchPlan;
  stepIndex: number;
  process: PtyProcess;
  tracker: StatusTracker;
  stoppedByUser: boolean;
  size: { cols: number; rows: number };
  /** Set once the runtime reports the outcome itself; the tracker's own exit notice is then redundant. */
  reportingExit: boolean;
}

/**
 * The running side of threads: each thread's terminal stream (which outlives its processes, so a
 * resumed agent continues the same scrollback), the process running in it, and a limit on how many
 * run at once — threads past it wait in a visible queue.
 */
export class ThreadRuntime implements AgentRuntime {
  private readonly terminals = new Map<string, ThreadTerminal>();
  /** The size the thread's panes last asked for: a mirror made later (after a restart) is drawn at it. */
  private readonly sizes = new Map<string, { cols: number; rows: number }>();
  private readonly live = new Map<string, LiveThread>();
  private readonly queue: LaunchPlan[] = [];
  /** The reason each queued thread last reported, so a changed set of slot holders is reported once. */
  private readonly queuedReasons = new Map<string, string>();
  /** Messages waiting for each thread's agent; kept across its runs (a resumed agent gets them). */
  private readonly followUpQueues = new Map<string, FollowUpQueue>();
  /** Whether the last status reported for a thread carried the "prompt waiting" note. */
  private readonly promptNoted = new Map<string, boolean>();
  /** The last status reported for each thread and when it began: the moment moves only when the status does. */
  private readonly reported = new Map<string, { status: ThreadStatus; since: string }>();

  constructor(private readonly options: RuntimeOptions) {}

  /**
   * Runs the plan now, or queues it when every agent slot is taken. Plain shells take no slot
   * (agent-slots.ts): they always start at once.
   */
  start(plan: LaunchPlan): void {
    if (this.live.has(plan.threadId) || this.queue.some((p) => p.threadId === plan.threadId)) return;
    if (holdsAgentSlot(plan) && this.slotHolders().length >= this.options.maxRunning()) {
      this.queue.push(plan);
      const reason = this.reportQueued(plan.threadId);
      // The terminal says it too: a queued thread's pane is not left blank.
      this.streamNow(plan.threadId, { cols: plan.cols, rows: plan.rows }).push(
        `\x1b[2mQueued: ${reason}.\r\nIt starts by itself when one of them ends; Start anyway runs it now.\x1b[0m\r\n`,
      );
      return;
    }
    this.runStep(plan, 0, { cols: plan.cols, rows: plan.rows });
  }

  /**
   * Starts a queued thread now, past the running limit (the dispatcher's "Start anyway"). It then
   * holds a slot like any agent: the queue moves on once fewer than the limit run. False when the
   * thread is not queued.
   */
  startNow(threadId: string): Promise<boolean> {
    const index = this.queue.findIndex((p) => p.threadId === threadId);
    if (index === -1) return Promise.resolve(false);
    const [plan] = this.queue.splice(index, 1);
    if (plan) this.runQueued(plan);
    this.reportStillQueued();
    return Promise.resolve(true);
  }

  /**
   * The running limit changed (Settings): a raised limit starts queued threads at once, and every
   * queued thread's reason names the new limit.
   */
  limitChanged(): void {
    this.startQueued();
  }

  isRunning(threadId: string): boolean {
    return this.live.has(threadId);
  }

  isQueued(threadId: string): boolean {
    return this.queue.some((p) => p.threadId === threadId);
  }

  write(threadId: string, data: string): boolean {
    const entry = this.live.get(threadId);
    if (!entry?.process.write(data)) return false;
    entry.tracker.input();
    return true;
  }

  /**
   * Gives the agent a message through its follow-up queue: typed at once when it is ready for
   * input, otherwise when it next is (never into a question). Returns false when the agent is
   * neither running nor waiting for a slot.
   */
  sendMessage(threadId: string, text: string): boolean {
    if (!this.live.has(threadId) && !this.isQueued(threadId)) return false;
    this.followUpsOf(threadId).apply({ op: 'add', text });
    return true;
  }

  /** The messages waiting for a thread's agent, oldest first. */
  followUps(threadId: string): Promise<FollowUp[]> {
    return Promise.resolve([...(this.followUpQueues.get(threadId)?.items ?? [])]);
  }

  /** Adds, edits, removes or sends now one of a thread's queued messages; resolves with the list after. */
  changeFollowUps(threadId: string, change: FollowUpChange): Promise<FollowUp[]> {
    try {
      this.followUpsOf(threadId).apply(change);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.followUps(threadId);
  }

  private followUpsOf(threadId: string): FollowUpQueue {
    let queue = this.followUpQueues.get(threadId);
    if (!queue) {
      queue = new FollowUpQueue({
        type: (text) => this.typeMessage(threadId, text),
        changed: (items) => {
          this.options.events.onFollowUps?.(threadId, [...items]);
          this.reportPromptNote(threadId);
        },
      });
      this.followUpQueues.set(threadId, queue);
    }
    return queue;
  }

  /**
   * Types one message into the agent as a person pasting it would (message-keystrokes.ts), then
   * Enter. False while no agent runs (nor while the project's setup command does).
   */
  private typeMessage(threadId: string, text: string): boolean {
    const entry = this.live.get(threadId);
    if (!entry || entry.plan.steps[entry.stepIndex]?.kind !== 'agent') return false;
    if (!this.write(threadId, messageKeystrokes(text, entry.tracker.acceptsBracketedPaste))) return false;
    setTimeout(() => {
      if (this.live.get(threadId) === entry) this.write(threadId, submitKey);
    }, submitDelayMs);
    return true;
  }

  /** A status with the note that the typed first prompt still waits for the agent to be ready. */
  private withPromptNote(threadId: string, change: StatusChange): StatusChange {
    if (!this.followUpQueues.get(threadId)?.promptWaiting) return change;
    return {
      status: change.status,
      reason: change.reason ? `${change.reason}; ${promptWaitingNote}` : promptWaitingNote,
    };
  }

  /** The prompt was typed (or queued) while the status stayed the same: the reason says so at once. */
  private reportPromptNote(threadId: string): void {
    const waiting = this.followUpQueues.get(threadId)?.promptWaiting ?? false;
    if ((this.promptNoted.get(threadId) ?? false) === waiting) return;
    const entry = this.live.get(threadId);
    if (!entry || entry.plan.steps[entry.stepIndex]?.kind !== 'agent' || entry.reportingExit) return;
    this.reportAgentStatus(threadId, entry.tracker.current);
  }

  private reportAgentStatus(threadId: string, change: StatusChange): void {
    const noted = this.withPromptNote(threadId, change);
    this.promptNoted.set(threadId, noted !== change);
    this.emitStatus(threadId, noted, null);
  }

  resize(threadId: string, cols: number, rows: number): boolean {
    this.sizes.set(threadId, { cols, rows });
    this.terminals.get(threadId)?.mirror.resize(cols, rows);
    const entry = this.live.get(threadId);
    if (!entry) return false;
    entry.size = { cols, rows };
    entry.tracker.resize(cols, rows);
    return entry.process.resize(cols, rows);
  }

  /** What the agent itself reported through its hooks (Claude Code): the most reliable status signal. */
  hookEvent(threadId: string, kind: HookEventKind, message: string | null): void {
    this.live.get(threadId)?.tracker.hookEvent(kind, message);
  }

  /**
   * Starts streaming a thread's terminal to a window, which first gets a snapshot of the screen and
   * its scrollback drawn at the size its pane last asked for (screen-mirror.ts); after a restart the
   * mirror is rebuilt from the log.
   */
  async attach(threadId: string, link: TerminalViewer): Promise<{ data: string; end: number }> {
    const { stream, mirror } = await this.terminalFor(threadId);
    return stream.attachRendered(link, () => mirror.render());
  }

  detach(threadId: string, linkId: string): boolean {
    return this.terminals.get(threadId)?.stream.detach(linkId) ?? false;
  }

  ack(threadId: string, linkId: string, chars: number): void {
    this.terminals.get(threadId)?.stream.ack(linkId, chars);
  }

  /** A window went away: it no longer holds any agent back. */
  disconnect(linkId: string): void {
    for (const { stream } of this.terminals.values()) stream.detach(linkId);
  }

  /** The agents running or queued now, with what their status says. */
  liveAgents(): LiveAgent[] {
    const running = [...this.live.values()].map((entry) => ({
      threadId: entry.plan.threadId,
      state: 'running' as const,
      pid: entry.process.pid,
      ...this.statusOf(entry),
      statusSince: this.reported.get(entry.plan.threadId)?.since ?? null,
    }));
    const queued = this.queue.map((plan) => ({
      threadId: plan.threadId,
      state: 'queued' as const,
      pid: null,
      status: 'queued' as const,
      reason: this.queuedReasons.get(plan.threadId) ?? 'waiting for a free agent slot',
      statusSince: this.reported.get(plan.threadId)?.since ?? null,
    }));
    return [...running, ...queued];
  }

  /** The visible rows of a thread's terminal as its mirror has them (tests, diagnostics); null when it has none. */
  async screenLines(threadId: string): Promise<{ lines: string[]; cols: number; rows: number } | null> {
    const terminal = this.terminals.get(threadId);
    if (!terminal) return null;
    const lines = await terminal.mirror.screenLines();
    return { lines, cols: terminal.mirror.cols, rows: terminal.mirror.rows };
  }

  private statusOf(entry: LiveThread): { status: ThreadStatus; reason: string | null } {
    const step = entry.plan.steps[entry.stepIndex];
    if (step?.kind === 'setup') return { status: 'starting', reason: `running setup: ${step.banner ?? ''}`.trim() };
    return this.withPromptNote(entry.plan.threadId, entry.tracker.current);
  }

  async stop(threadId: string): Promise<void> {
    const queued = this.queue.findIndex((p) => p.threadId === threadId);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      this.queuedReasons.delete(threadId);
      this.report(threadId, 'stopped', 'stopped by you before it started');
      return;
    }
    const entry = this.live.get(threadId);
    if (!entry) return;
    entry.stoppedByUser = true;
    await entry.process.stop();
    // Wait for the exit handler to settle the status and free the slot.
    await new Promise((resolve) => setTimeout(resolve, exitSettleMs + 20));
  }

  /** Stops the agent and forgets its terminal, log included. */
  async discard(threadId: string): Promise<void> {
    await this.stop(threadId);
    this.terminals.get(threadId)?.mirror.dispose();
    this.terminals.delete(threadId);
    this.sizes.delete(threadId);
    this.followUpQueues.get(threadId)?.dispose();
    this.followUpQueues.delete(threadId);
    this.promptNoted.delete(threadId);
    this.reported.delete(threadId);
    await TerminalLog.forThread(this.options.dataDir, threadId).remove();
  }

  /** Nothing outlives this process: there is nothing to adopt. */
  adopt(): Promise<AgentAdoption> {
    return Promise.resolve({ live: this.liveAgents(), finished: [], hostLost: false, elsewhere: new Map() });
  }

  /** In this process the agents cannot outlive the app: detaching stops them. */
  release(): Promise<void> {
    return this.stopAll();
  }

  async stopAll(): Promise<void> {
    this.queue.length = 0;
    this.queuedReasons.clear();
    await Promise.all([...this.live.keys()].map((id) => this.stop(id)));
  }

  private async terminalFor(threadId: string): Promise<ThreadTerminal> {
    const existing = this.terminals.get(threadId);
    if (existing) return existing;
    const log = TerminalLog.forThread(this.options.dataDir, threadId);
    const earlier = await log.tail(200_000);
    // Another caller may have created it while the log was read.
    const raced = this.terminals.get(threadId);
    if (raced) return raced;
    const terminal = this.newTerminal(threadId, log);
    terminal.stream.restore(earlier);
    return terminal;
  }

  private streamNow(threadId: string, size?: { cols: number; rows: number }): TerminalStream {
    return this.terminalNow(threadId, size).stream;
  }

  private terminalNow(threadId: string, size?: { cols: number; rows: number }): ThreadTerminal {
    const existing = this.terminals.get(threadId);
    if (existing) return existing;
    if (size && !this.sizes.has(threadId)) this.sizes.set(threadId, size);
    return this.newTerminal(threadId, TerminalLog.forThread(this.options.dataDir, threadId));
  }

  private newTerminal(threadId: string, log: TerminalLog): ThreadTerminal {
    const size = this.sizes.get(threadId) ?? { cols: 120, rows: 32 };
    const mirror = new ScreenMirror(size.cols, size.rows);
    const terminal = { stream: new TerminalStream(threadId, log, {}, mirror), mirror };
    this.terminals.set(threadId, terminal);
    return terminal;
  }

  private runStep(plan: LaunchPlan, stepIndex: number, size: { cols: number; rows: number }): void {
    const step = plan.steps[stepIndex];
    if (!step) return;
    const { stream, mirror } = this.terminalNow(plan.threadId, size);
    if (step.banner) stream.push(`\x1b[2m${step.banner}\x1b[0m\r\n`);
    const followUps = this.followUpsOf(plan.threadId);
    followUps.reset();
    // Typed once the agent is ready for input, not at its first byte: that may be a sign-in question.
    if (step.kind === 'agent' && step.typedPrompt) followUps.addPrompt(step.typedPrompt);
    const tracker = new StatusTracker({
      profileId: step.profileId,
      needsInputPatterns: step.needsInputPatterns,
      // The status rules read the mirror's screen: one headless terminal per thread, not two.
      screen: new MirrorScreen(mirror),
      cols: size.cols,
      rows: size.rows,
      // A plain shell is idle at its prompt and working while a program runs in its foreground.
      foreground: isPlainShell(step) ? () => shellForeground(step.file, child.foregroundProcess) : undefined,
      onChange: (change) => {
        // Setup output is not the agent's (the thread is still starting), and exits are reported by finishStep.
        if (step.kind === 'setup' || entry.reportingExit) return;
        // Delivered first, so a prompt typed now is no longer noted as waiting in this report.
        followUps.statusChanged(change.status);
        this.reportAgentStatus(plan.threadId, change);
      },
    });
    if (step.kind === 'setup') this.report(plan.threadId, 'starting', `running setup: ${step.banner ?? ''}`.trim());
    let child: PtyProcess;
    try {
      child = new PtyProcess(
        { file: step.file, args: step.args, cwd: plan.cwd, env: step.env, cols: size.cols, rows: size.rows },
        {
          onData: (data) => {
            stream.push(data);
            tracker.output(data);
            if (step.kind === 'agent') followUps.output();
          },
          onExit: (exitCode, signal) => {
            setTimeout(() => this.finishStep(plan, entry, exitCode, signal), exitSettleMs);
          },
        },
      );
    } catch (error) {
      tracker.dispose();
      stream.push(`\x1b[31mCould not start ${step.file}: ${(error as Error).message}\x1b[0m\r\n`);
      this.report(plan.threadId, 'failed', `could not start ${step.file}: ${(error as Error).message}`);
      this.startQueued();
      return;
    }
    const entry: LiveThread = {
      plan,
      stepIndex,
      process: child,
      tracker,
      stoppedByUser: false,
      size,
      reportingExit: false,
    };
    this.live.set(plan.threadId, entry);
    this.options.events.onSpawned?.(plan.threadId);
    stream.setProducer(child);
    if (step.kind === 'agent') this.reportPromptNote(plan.threadId);
  }

  private finishStep(plan: LaunchPlan, entry: LiveThread, exitCode: number, signal: number | null): void {
    const stream = this.streamNow(plan.threadId);
    stream.flush();
    stream.setProducer(null);
    const step = plan.steps[entry.stepIndex];
    const next = entry.stepIndex + 1;
    if (step?.kind === 'setup' && exitCode === 0 && !entry.stoppedByUser && next < plan.steps.length) {
      entry.tracker.dispose();
      this.live.delete(plan.threadId);
      // The slot passes straight to the agent: setup and agent are one run.
      this.runStep(plan, next, entry.size);
      return;
    }
    entry.reportingExit = true;
    this.followUpQueues.get(plan.threadId)?.reset();
    entry.tracker.exit(exitCode, signal, entry.stoppedByUser);
    const change = entry.tracker.current;
    entry.tracker.dispose();
    this.live.delete(plan.threadId);
    if (step?.kind === 'setup' && change.status === 'failed') {
      this.emitStatus(plan.threadId, { status: 'failed', reason: `setup ${change.reason ?? 'failed'}` }, exitCode);
    } else {
      this.emitStatus(plan.threadId, change, exitCode);
    }
    this.startQueued();
  }

  private startQueued(): void {
    while (this.queue.length > 0 && this.slotHolders().length < this.options.maxRunning()) {
      const plan = this.queue.shift();
      if (plan) this.runQueued(plan);
    }
    this.reportStillQueued();
  }

  private runQueued(plan: LaunchPlan): void {
    this.queuedReasons.delete(plan.threadId);
    // No longer queued: the setup step, or the agent's first output, says more.
    this.report(plan.threadId, 'starting', null);
    this.runStep(plan, 0, this.sizes.get(plan.threadId) ?? { cols: plan.cols, rows: plan.rows });
  }

  /** The running threads that take an agent slot (plain shells take none). */
  private slotHolders(): LiveThread[] {
    return [...this.live.values()].filter((entry) => holdsAgentSlot(entry.plan));
  }

  /** Reports why the thread waits, naming the slot holders, when that changed; returns the reason. */
  private reportQueued(threadId: string): string {
    const names = this.slotHolders().map((entry) => entry.plan.threadName ?? entry.plan.threadId);
    const reason = queuedReason(names, this.options.maxRunning());
    if (this.queuedReasons.get(threadId) !== reason) {
      this.queuedReasons.set(threadId, reason);
      this.report(threadId, 'queued', reason);
    }
    return reason;
  }

  /** The slot holders changed (one ended, or one was started anyway): the queued threads say who holds them now. */
  private reportStillQueued(): void {
    for (const plan of this.queue) this.reportQueued(plan.threadId);
  }

  private report(threadId: string, status: ThreadStatus, reason: string | null): void {
    this.emitStatus(threadId, { status, reason }, null);
  }

  /** Every status report goes out here, with the moment the status began (now, when it changed). */
  private emitStatus(threadId: string, change: StatusChange, exitCode: number | null): void {
    let last = this.reported.get(threadId);
    if (last?.status !== change.status) {
      last = { status: change.status, since: new Date().toISOString() };
      this.reported.set(threadId, last);
    }
    this.options.events.onStatus(threadId, change, exitCode, last.since);
  }
}
