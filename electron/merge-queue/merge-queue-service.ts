import type { EventBus } from '../api/event-bus';
import type { ProjectService } from '../projects/project-service';
import type { StateRepository } from '../store/state-repository';
import type { ThreadService } from '../threads/thread-service';

export interface MergeQueueServiceOptions {
  readonly dataDir: string;
  readonly state: StateRepository;
  readonly projects: ProjectService;
  readonly threads: ThreadService;
  readonly events: EventBus;
  readonly log: (message: string) => void;
}

/** Per project: the landing queue, the conflict matrix, landing itself and cleanup. Keeps its own file. */
export class MergeQueueService {
  private constructor(private readonly options: MergeQueueServiceOptions) {}

  /** Opens the saved queues and recovers a landing that a crash or quit interrupted. */
  static async open(options: MergeQueueServiceOptions): Promise<MergeQueueService> {
    return new MergeQueueService(options);
  }

  async shutdown(): Promise<void> {
    void this.options;
  }
}
