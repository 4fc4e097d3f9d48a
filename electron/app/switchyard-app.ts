import path from 'node:path';
import { AgentRegistry } from '../agents/agent-registry';
import { AttemptsService } from '../attempts/attempts-service';
import { builtinProfiles } from '../agents/builtin-profiles';
import type { AgentProfile } from '../agents/profile';
import { createRequestRouter, type Dispatch } from '../api/request-router';
import { EventBus } from './event-bus';
import { createHandlers } from '../api/handlers/index';
import { MergeQueueService } from '../merge-queue/merge-queue-service';
import { ReviewService } from '../review/review-service';
import { PlanService } from '../plans/plan-service';
import { ReviewerService } from '../reviewer/reviewer-service';
import { ProjectService } from '../projects/project-service';
import { StateRepository } from '../store/state-repository';
import { startHookServer } from '../hooks/hook-server';
import { SettingsService } from '../settings/settings-service';
import { ThreadService } from '../threads/thread-service';
import { TerminalService } from '../terminals/terminal-service';
import { ShellSessions } from '../terminals/shell-sessions';
import { RemoteRuntime } from '../agent-host/remote-runtime';
import type { ClientLink } from '../api/client-link';
import type { HostCapabilities } from '../api/host-capabilities';
import { runGitInWorker } from '../git/core';
import { pathExists } from '../fs/path-exists';
import type { AgentLifetime, QuitChoice, QuitReport } from './agent-lifetime';
import { endAgents, inProcessAgentLifetime } from './agent-lifetime';
import { buildStartReport } from './start-report';
import { wireBlockingFindings } from './blocking-findings';
import { loadPrices, Prices } from '../usage/prices';
import { ThreadUsageWiring } from '../usage/thread-usage-wiring';
import { UsageService } from '../usage/usage-service';

export interface SwitchyardOptions {
  readonly dataDir: string;
  readonly distDir: string;
  readonly host: HostCapabilities;
  readonly version: string;
  /** Runs Node scripts such as the demo agent (Electron's binary in node mode, inside Electron). */
  readonly nodeExecutable?: string;
  readonly extraProfiles?: readonly AgentProfile[];
  /**
   * Whether agents run in the agent host, a separate process that outlives the app (agent-host/):
   * by default when it is built (dist/agent-host.cjs) and SWITCHYARD_AGENT_HOST is not `in-process`;
   * false runs them in this process, where they end with it.
   */
  readonly agentHost?: boolean;
  readonly log?: (message: string) => void;
  /** A reviewer agent is stopped after this long (default: reviewer/reviewer-service.ts). */
  readonly reviewerTimeoutMs?: number;
  /** Where the agents' own records are looked for (CLAUDE_CONFIG_DIR, CODEX_HOME, HOME): this process's env by default. */
  readonly usageEnv?: NodeJS.ProcessEnv;
}

/** The composition root: every service, wired once, behind one dispatch function and one event bus. */
export interface SwitchyardApp {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly projects: ProjectService;
  readonly threads: ThreadService;
  /** Every thread's terminal by id: input, resize, attach, detach, acks. */
  readonly terminals: TerminalService;
  /** The plain shell beside each thread's agent (in this process; it ends with the app). */
  readonly shells: ShellSessions;
  readonly agents: AgentRegistry;
  readonly state: StateRepository;
  readonly settings: SettingsService;
  readonly review: ReviewService;
  readonly mergeQueue: MergeQueueService;
  /** Each thread's spend, read from its agent's records, and the budgets on it. */
  readonly usage: ThreadUsageWiring;
  /** Attempt groups: one task by several agents, compared and one kept. */
  readonly attempts: AttemptsService;
  readonly plans: PlanService;
  /** Reviewer agents: second opinions on a branch as review comments. */
  readonly reviewer: ReviewerService;
  /** What becomes of the agents when this process goes (see agent-lifetime.ts). */
  readonly agentLifetime: AgentLifetime;
  /** Keeps (detaches) or stops the running agents before a quit, and says which went which way. */
  endAgents(choice: QuitChoice): Promise<QuitReport>;
  /** A window closed: it stops holding back the agents it was watching. */
  disconnect(client: ClientLink): void;
  /** Quits and stops every agent. */
  shutdown(): Promise<void>;
  /** Quits and leaves the agents running in the agent host, for the next start to adopt (in-process agents stop). */
  shutdownKeepingAgents(): Promise<void>;
}

/** In a packaged app, scripts run by node are unpacked beside the asar archive (electron-builder.yml). */
function unpacked(file: string): string {
  return file.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
}

export async function createSwitchyardApp(options: SwitchyardOptions): Promise<SwitchyardApp> {
  const log = options.log ?? console.error;
  const gitWorker = unpacked(path.join(options.distDir, 'git-worker.cjs'));
  if (await pathExists(gitWorker)) runGitInWorker(gitWorker);
  else log(`[switchyard] ${gitWorker} is missing (run the build): git processes start on the main thread`);
  const state = await StateRepository.open(options.dataDir);
  if (state.loadReport.problem) log(`[switchyard] ${state.loadReport.problem}`);
  const events = new EventBus();
  const runningInElectron = Boolean(process.versions.electron);
  const agents = new AgentRegistry(
    [
      ...builtinProfiles({
        demoAgentScript: unpacked(path.join(options.distDir, 'demo-agent.cjs')),
        nodeExecutable: options.nodeExecutable ?? process.execPath,
        runningInElectron,
      }),
      ...(options.extraProfiles ?? []),
    ],
    state,
  );
  const projects = new ProjectService(state, (project) => events.emit('project.updated', project));
  const settings = new SettingsService(state, events);
  // Agents run in the agent host (a separate process that outlives this one) once it is built;
  // SWITCHYARD_AGENT_HOST=in-process keeps them here (they then end with the app).
  const agentHostEntry = unpacked(path.join(options.distDir, 'agent-host.cjs'));
  const useAgentHost =
    (options.agentHost ?? process.env.SWITCHYARD_AGENT_HOST !== 'in-process') && (await pathExists(agentHostEntry));
  const shells = new ShellSessions({ worktreeOf: (threadId) => state.thread(threadId).worktreePath });
  const threads = new ThreadService({
    state,
    beforeRemove: (threadId) => shells.close(threadId),
    agents,
    events,
    dataDir: options.dataDir,
    maxRunningAgents: () => settings.maxRunningAgents(),
    log,
    ...(useAgentHost
      ? {
          runtime: (runtimeEvents) =>
            new RemoteRuntime(
              {
                dataDir: options.dataDir,
                launch: {
                  execPath: options.nodeExecutable ?? process.execPath,
                  entry: agentHostEntry,
                  env: runningInElectron ? { ELECTRON_RUN_AS_NODE: '1' } : {},
                },
                maxRunning: () => settings.maxRunningAgents(),
                log,
              },
              runtimeEvents,
            ),
        }
      : {}),
  });
  const terminals = new TerminalService(threads.terminals, (threadId) => void state.thread(threadId), shells);
  await threads.recoverAfterStart();
  // A raised agent limit starts queued threads at once (an adopted host learns the limit now too).
  events.on('settings.updated', () => threads.limitChanged());
  threads.limitChanged();
  const startReport = buildStartReport(state.threads(), new Date(), threads.runningInOlderHost());
  // With the agent host, "keep running" lets go of the agents (they outlive this process).
  const agentLifetime: AgentLifetime = useAgentHost
    ? { detachAll: () => threads.detachAgents(), stopAll: () => threads.shutdown() }
    : inProcessAgentLifetime(threads);
  const hooks = await startHookServer({ onEvent: (e) => threads.hookEvent(e.threadId, e.kind, e.message) });
  threads.useHooks({
    endpoint: { url: hooks.url, tokenFor: hooks.tokenFor },
    relayCommand: [options.nodeExecutable ?? process.execPath, unpacked(path.join(options.distDir, 'hook-relay.cjs'))],
    relayEnv: runningInElectron ? { ELECTRON_RUN_AS_NODE: '1' } : {},
  });
  const domain = { dataDir: options.dataDir, state, projects, threads, events, log };
  const review = await ReviewService.open(domain);
  const mergeQueue = await MergeQueueService.open(domain);
  const attempts = new AttemptsService({ state, threads, review, events, log });
  const plans = new PlanService({
    state,
    threads,
    agents,
    events,
    dataDir: options.dataDir,
    hazardPatterns: (projectId) => review.settings(projectId).hazardPatterns,
    typeKeys: (threadId, data) => terminals.input(threadId, data),
    log,
    attempts,
    setThreadBudget: (threadId, budget) => usage.setThreadBudget(threadId, budget),
  });
  const reviewer = await ReviewerService.open({
    dataDir: options.dataDir,
    state,
    agents,
    events,
    comments: { add: (threadId, comments) => review.addReviewerComments(threadId, comments) },
    queuedThreads: async (projectId) => (await mergeQueue.view(projectId)).entries.map((entry) => entry.threadId),
    log,
    ...(options.reviewerTimeoutMs ? { timeoutMs: options.reviewerTimeoutMs } : {}),
  });
  wireBlockingFindings({ events, state, review, mergeQueue });
  const prices = await loadPrices(options.dataDir).catch((error: unknown) => {
    log(`[switchyard] ${(error as Error).message} Using the built-in prices.`);
    return new Prices();
  });
  const usage = await ThreadUsageWiring.start({
    dataDir: options.dataDir,
    usage: new UsageService({ dataDir: options.dataDir, env: options.usageEnv, prices }),
    state,
    events,
    threads,
    log,
    planRunOf: (thread) => plans.planRunOf(thread),
  });
  const handlers = createHandlers({
    options,
    state,
    projects,
    threads,
    terminals,
    agents,
    settings,
    review,
    mergeQueue,
    usage,
    attempts,
    plans,
    reviewer,
    startReport,
  });
  const dispatch = createRequestRouter(handlers, options.log);
  return {
    dispatch,
    events,
    projects,
    threads,
    terminals,
    shells,
    agents,
    state,
    settings,
    review,
    mergeQueue,
    usage,
    attempts,
    plans,
    reviewer,
    agentLifetime,
    endAgents: (choice) => endAgents(agentLifetime, state, choice),
    disconnect: (client) => terminals.disconnect(client),
    shutdown: async () => {
      plans.shutdown();
      attempts.shutdown();
      await reviewer.shutdown();
      usage.close();
      await mergeQueue.shutdown();
      await review.shutdown();
      await shells.closeAll();
      await threads.shutdown();
      await hooks.close();
      await state.close();
    },
    shutdownKeepingAgents: async () => {
      attempts.shutdown();
      await reviewer.shutdown();
      usage.close();
      await mergeQueue.shutdown();
      await review.shutdown();
      await shells.closeAll();
      await threads.detachAgents();
      await hooks.close();
      await state.close();
    },
  };
}
