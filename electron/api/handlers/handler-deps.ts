import type { AgentRegistry } from '../../agents/agent-registry';
import type { SwitchyardOptions } from '../../app/switchyard-app';
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
}
