import type { AgentRegistry } from '../../agents/agent-registry';
import type { SwitchyardOptions } from '../../app/switchyard-app';
import type { MergeQueueService } from '../../merge-queue/merge-queue-service';
import type { ReviewService } from '../../review/review-service';
import type { ProjectService } from '../../projects/project-service';
import type { SettingsService } from '../../settings/settings-service';
import type { StateRepository } from '../../store/state-repository';
import type { ThreadService } from '../../threads/thread-service';

/** The services a domain's handlers may call. */
export interface HandlerDeps {
  readonly options: SwitchyardOptions;
  readonly state: StateRepository;
  readonly projects: ProjectService;
  readonly threads: ThreadService;
  readonly agents: AgentRegistry;
  readonly settings: SettingsService;
  readonly review: ReviewService;
  readonly mergeQueue: MergeQueueService;
}
