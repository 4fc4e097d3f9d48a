import type { AgentRegistry } from '../../agents/agent-registry';
import type { AttemptsService } from '../../attempts/attempts-service';
import type { MergeQueueService } from '../../merge-queue/merge-queue-service';
import type { PlanService } from '../../plans/plan-service';
import type { ReviewService } from '../../review/review-service';
import type { ReviewerService } from '../../reviewer/reviewer-service';
import type { ProjectService } from '../../projects/project-service';
import type { SettingsService } from '../../settings/settings-service';
import type { StateRepository } from '../../store/state-repository';
import type { TerminalService } from '../../terminals/terminal-service';
import type { ThreadService } from '../../threads/thread-service';
import type { ThreadUsageWiring } from '../../usage/thread-usage-wiring';
import type { StartReport } from '../../../shared/start-report';
import type { HostCapabilities } from '../host-capabilities';

/** What `app.info` reports and `demo.start` needs: the process, not a service. */
export interface ApiOptions {
  readonly version: string;
  readonly dataDir: string;
  readonly host: HostCapabilities;
}

/** The services a group's handlers may call. */
export interface HandlerDeps {
  readonly options: ApiOptions;
  readonly state: StateRepository;
  readonly projects: ProjectService;
  readonly threads: ThreadService;
  readonly terminals: TerminalService;
  readonly agents: AgentRegistry;
  readonly settings: SettingsService;
  readonly review: ReviewService;
  readonly mergeQueue: MergeQueueService;
  /** Threads' spend, budgets and prices. */
  readonly usage: ThreadUsageWiring;
  /** Attempt groups: one task by several agents side by side. */
  readonly attempts: AttemptsService;
  /** Plans run in the app, each task a thread. */
  readonly plans: PlanService;
  /** Reviewer agents: second opinions as review comments. */
  readonly reviewer: ReviewerService;
  /** What the start found, read once after recovery (app.info). */
  readonly startReport: StartReport;
}
