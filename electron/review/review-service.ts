import type { EventBus } from '../api/event-bus';
import type { ProjectService } from '../projects/project-service';
import type { StateRepository } from '../store/state-repository';
import type { ThreadService } from '../threads/thread-service';

export interface ReviewServiceOptions {
  readonly dataDir: string;
  readonly state: StateRepository;
  readonly projects: ProjectService;
  readonly threads: ThreadService;
  readonly events: EventBus;
  readonly log: (message: string) => void;
}

/** Everything behind the review pane. Keeps its own data (comments, verification runs) in its own file. */
export class ReviewService {
  private constructor(private readonly options: ReviewServiceOptions) {}

  static async open(options: ReviewServiceOptions): Promise<ReviewService> {
    return new ReviewService(options);
  }

  /** Stops watchers and running verifications. */
  async shutdown(): Promise<void> {
    void this.options;
  }
}
