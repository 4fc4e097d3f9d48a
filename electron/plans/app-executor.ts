import type { DomainEvents } from '../../shared/domain-events';
import type { Thread, ThreadStatus } from '../../shared/models';
import { attemptThreadName } from '../attempts/create-attempts';
import type { ThreadService } from '../threads/thread-service';
import {
  type GateState,
  gateAfterDecision,
  gateAfterTurn,
  gateHolds,
  hasPlanMode,
  initialGate,
  planApprovalMode,
  planApprovedMessage,
  planFirstInstruction,
} from './plan-gate';
import type { ResolvedTask } from './resolve-plan';
import type { TaskAgentEvents, TaskAgentHandle, TaskExecutor } from './task-executor';

/** What the plan view hears of a task as its thread moves. */
export interface AppTaskChange {
  readonly threadId?: string;
  readonly gate?: GateState | null;
}

export interface AppExecutorOptions {
  readonly threads: Pick<ThreadService, 'create' | 'stop' | 'sendMessage'>;
  readonly events: DomainEvents;
  readonly projectId: string;
  /** The plan's target: the branch its threads record as their base. */
  readonly target: string;
  /** Types keys into a thread's agent terminal (a plan-mode tool's question is answered by keys, not a message). */
  readonly typeKeys: (threadId: string, data: string) => boolean;
  readonly onChange: (task: string, change: AppTaskChange) => void;
  /** A task's (or one attempt's) thread was made: the plan service records it (attempt group, budget, plan run). */
  readonly onThread?: (task: ResolvedTask, thread: Thread) => Promise<void> | void;
  /** How often a working thread counts as activity for the run's no-output timeout. */
  readonly activityEveryMs?: number;
}

/** Keys a plan-mode tool's "proceed?" question takes. Claude Code: Enter takes its first choice (yes). */
const acceptPlanKeys = '\r';
/** Esc leaves the question and keeps the tool planning; the changes then go as a message. */
const keepPlanningKeys = '\x1b';
/** Shift+Tab: Claude Code's next permission mode, from plan to its default mode. */
const leavePlanModeKeys = '\x1b[Z';

/** An interactive agent (not a custom command) ends its turn by sitting idle at its prompt. */
function endsByIdle(task: ResolvedTask): boolean {
  return task.launch.mode === 'interactive' && !task.profile.takesCommand;
}

const working: ReadonlySet<ThreadStatus> = new Set(['starting', 'working']);

function isAttempt(task: Pick<ResolvedTask, 'attempt'>): task is { attempt: number } {
  return typeof task.attempt === 'number';
}

/** A task's key among the executor's threads: its name, and its attempt's number when it is one. */
function keyOf(task: Pick<ResolvedTask, 'name' | 'attempt'>): string {
  return isAttempt(task) ? `${task.name}#${task.attempt}` : task.name;
}

interface AppTask {
  readonly task: ResolvedTask;
  readonly threadId: string;
  readonly planMode: boolean;
  gate: GateState | null;
  status: ThreadStatus;
  /** The agent worked since it started or since the last decision: only then does a turn's end count. */
  worked: boolean;
  /** It was reported idle: the runner's stop then leaves it at its prompt, an ordinary thread. */
  reportedIdle: boolean;
  held: boolean;
  events: TaskAgentEvents;
}

/**
 * Runs a plan's tasks in the app as ordinary threads (ThreadService): each on its branch, made
 * from the target's tip the runner hands over, with its terminal, review and follow-up queue.
 * The thread's status is the agent's state: working counts as activity, queued (no agent slot)
 * holds its timeout, idle after work ends its turn, done/failed/stopped ends it. A "plan first"
 * task's first turn is its plan: it holds until the dispatcher decides (decide()).
 */
export class AppTaskExecutor implements TaskExecutor {
  readonly makesWorktrees = true;
  private readonly tasks = new Map<string, AppTask>();

  constructor(private readonly options: AppExecutorOptions) {}

  async start(task: ResolvedTask, _worktree: string, events: TaskAgentEvents, from: string): Promise<TaskAgentHandle> {
    const planFirst = task.agent.planFirst === true;
    const planMode = planFirst && hasPlanMode(task.profile);
    const thread = await this.options.threads.create(
      {
        projectId: this.options.projectId,
        name: isAttempt(task) ? attemptThreadName(task.name, task.attempt) : task.name,
        baseBranch: this.options.target,
        branch: task.branch,
        profileId: task.profile.id,
        prompt: planFirst && !planMode ? planFirstInstruction : '',
        brief: task.brief,
        ...(task.agent.mode ? { mode: task.agent.mode } : {}),
        ...(planMode
          ? { approvalMode: planApprovalMode }
          : task.agent.approval
            ? { approvalMode: task.agent.approval }
            : {}),
        ...(task.agent.scenario ? { scenario: task.agent.scenario } : {}),
        ...(task.profile.takesCommand ? { command: [...task.argv] } : {}),
      },
      { startPoint: from },
    );
    const state: AppTask = {
      task,
      threadId: thread.id,
      planMode,
      gate: initialGate(planFirst),
      status: thread.status,
      worked: false,
      reportedIdle: false,
      held: false,
      events,
    };
    this.tasks.set(keyOf(task), state);
    // An attempt's thread is shown through its attempt group, not as the task's own.
    if (!isAttempt(task)) this.options.onChange(task.name, { threadId: thread.id, gate: state.gate });
    let ended = false;
    const timer = setInterval(() => {
      if (working.has(state.status)) events.activity();
    }, this.options.activityEveryMs ?? 5000);
    const end = () => {
      ended = true;
      clearInterval(timer);
      unsubscribe();
    };
    const unsubscribe = this.options.events.on('thread.updated', (t) => {
      if (t.id === thread.id && !ended) this.follow(state, t, end);
    });
    this.follow(state, thread, end);
    await this.options.onThread?.(task, thread);
    return {
      stop: async () => {
        end();
        // A finished turn leaves the agent at its prompt: the thread goes on as any other (review, follow-ups).
        if (state.reportedIdle) return;
        await this.options.threads.stop(thread.id, 'stopped by its plan run').catch(() => undefined);
      },
    };
  }

  /** The thread of a task (or of one of its attempts), once started. */
  threadOf(task: Pick<ResolvedTask, 'name' | 'attempt'>): string | null {
    return this.tasks.get(keyOf(task))?.threadId ?? null;
  }

  /**
   * Approve or Request changes on a "plan first" task's plan. Approve: a tool in its own plan
   * mode that asks to proceed gets Enter (its first choice, "yes"); one at its prompt gets
   * Shift+Tab (out of plan mode) and the message "Plan approved: implement it."; any other tool
   * gets that message. Request changes: a plan-mode tool's question is left with Esc (keep
   * planning); the text goes through the follow-up queue either way, and the gate waits for the
   * next plan. Returns why it was refused, or null.
   */
  decide(taskName: string, decision: 'approve' | 'request-changes', text: string | undefined): string | null {
    // A task with attempts: the decision goes to each attempt whose plan waits for one.
    const states = [...this.tasks.values()].filter((state) => state.task.name === taskName);
    if (states.length === 0) return `"${taskName}" has not started yet.`;
    let refused: string | null = null;
    let taken = false;
    for (const state of states) {
      const why = this.decideOne(state, decision, text);
      if (why === null) taken = true;
      else refused ??= why;
    }
    return taken ? null : refused;
  }

  private decideOne(state: AppTask, decision: 'approve' | 'request-changes', text: string | undefined): string | null {
    const next = gateAfterDecision(state.gate, decision);
    if ('refused' in next) return next.refused;
    const asking = state.status === 'needs-input';
    if (decision === 'approve') {
      if (state.planMode && asking) this.options.typeKeys(state.threadId, acceptPlanKeys);
      else {
        if (state.planMode) this.options.typeKeys(state.threadId, leavePlanModeKeys);
        this.options.threads.sendMessage(state.threadId, planApprovedMessage);
      }
    } else {
      const message = text?.trim();
      if (!message) return 'Say what to change in the plan.';
      if (state.planMode && asking) this.options.typeKeys(state.threadId, keepPlanningKeys);
      this.options.threads.sendMessage(state.threadId, message);
    }
    state.gate = next.state;
    state.worked = false;
    this.setHeld(state, false);
    this.options.onChange(state.task.name, { gate: state.gate });
    return null;
  }

  private follow(state: AppTask, thread: Thread, end: () => void): void {
    state.status = thread.status;
    const { events } = state;
    switch (thread.status) {
      case 'queued':
        this.setHeld(state, true);
        return;
      case 'starting':
      case 'working':
        // Only work counts: a typed-prompt tool is ready (idle) before it has taken its prompt.
        if (thread.status === 'working') state.worked = true;
        if (state.gate !== 'plan-ready') this.setHeld(state, false);
        events.activity();
        return;
      case 'idle':
      case 'needs-input': {
        if (!state.worked) {
          if (thread.status === 'needs-input') events.needsInput(thread.statusReason);
          return;
        }
        if (gateHolds(state.gate)) {
          if (state.gate === 'planning') {
            state.gate = gateAfterTurn(state.gate);
            this.setHeld(state, true);
            this.options.onChange(state.task.name, { gate: state.gate });
          }
          return;
        }
        if (thread.status === 'needs-input') {
          events.needsInput(thread.statusReason);
          return;
        }
        // As in the CLI: one-shot runs and custom commands end by exiting; their silence is thinking.
        if (!endsByIdle(state.task)) return;
        state.reportedIdle = true;
        end();
        events.idle(thread.statusReason);
        return;
      }
      case 'done':
      case 'failed':
      case 'stopped':
        end();
        events.finished(thread.exitCode ?? (thread.status === 'done' ? 0 : thread.status === 'failed' ? 1 : null));
        return;
      default:
        return;
    }
  }

  private setHeld(state: AppTask, held: boolean): void {
    if (state.held === held) return;
    state.held = held;
    state.events.hold(held);
  }
}
