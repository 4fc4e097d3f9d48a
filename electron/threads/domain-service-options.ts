import type { DomainEvents } from '../../shared/domain-events';
import type { ProjectService } from '../projects/project-service';
import type { StateRepository } from '../store/state-repository';
import type { ThreadService } from './thread-service';

/** What the composition root hands every domain service built on threads (review, merge queue). */
export interface DomainServiceOptions {
  readonly dataDir: string;
  readonly state: StateRepository;
  readonly projects: ProjectService;
  readonly threads: ThreadService;
  readonly events: DomainEvents;
  readonly log: (message: string) => void;
}
