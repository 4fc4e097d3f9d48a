import { type AttemptGroup, defaultScoreWeights, type ScoreWeights } from '../../shared/attempts';
import type { DomainEvents } from '../../shared/domain-events';
import { AppError } from '../../shared/errors';
import type { StateRepository } from '../store/state-repository';

/** The attempt groups and score weights in the app state (state.json); every change is told to the windows. */
export class AttemptGroups {
  constructor(
    private readonly state: StateRepository,
    private readonly events: DomainEvents,
  ) {}

  list(): AttemptGroup[] {
    return [...this.state.get('attemptGroups')];
  }

  get(groupId: string): AttemptGroup {
    const group = this.state.get('attemptGroups').find((g) => g.id === groupId);
    if (!group) throw new AppError('not-found', `There is no attempt group with the id "${groupId}".`);
    return group;
  }

  /** The group one of whose attempts is this thread, if any. */
  ofThread(threadId: string): AttemptGroup | undefined {
    return this.state.get('attemptGroups').find((g) => g.attempts.some((a) => a.threadId === threadId));
  }

  async put(group: AttemptGroup): Promise<AttemptGroup> {
    const groups = this.state.get('attemptGroups');
    const index = groups.findIndex((g) => g.id === group.id);
    await this.state.set('attemptGroups', index === -1 ? [...groups, group] : groups.with(index, group));
    this.events.emit('attempt.updated', group);
    return group;
  }

  /** Saves a change on the freshest copy of the group. */
  update(groupId: string, change: (group: AttemptGroup) => AttemptGroup): Promise<AttemptGroup> {
    return this.put(change(this.get(groupId)));
  }

  weights(projectId: string): ScoreWeights {
    this.state.project(projectId);
    return this.state.get('attemptWeights')[projectId] ?? defaultScoreWeights;
  }

  async setWeights(projectId: string, weights: ScoreWeights): Promise<ScoreWeights> {
    this.state.project(projectId);
    await this.state.set('attemptWeights', { ...this.state.get('attemptWeights'), [projectId]: weights });
    return weights;
  }
}
