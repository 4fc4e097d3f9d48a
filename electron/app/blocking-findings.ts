import type { MergeQueueService } from '../merge-queue/merge-queue-service';
import type { ReviewService } from '../review/review-service';
import type { StateRepository } from '../store/state-repository';
import type { EventBus } from './event-bus';

/**
 * The merge queue shows each entry's open blocking findings from reviewer agents and suggests
 * landing blocked entries last: it reads them from the review's comments, and hears when they change.
 */
export function wireBlockingFindings(deps: {
  events: EventBus;
  state: StateRepository;
  review: ReviewService;
  mergeQueue: MergeQueueService;
}): () => void {
  const { events, state, review, mergeQueue } = deps;
  mergeQueue.useBlockingFindings(
    (threadId) =>
      review
        .listComments(threadId)
        .filter((c) => c.author?.kind === 'reviewer' && c.severity === 'blocking' && c.state !== 'resolved').length,
  );
  return events.on('review.changed', ({ threadId, what }) => {
    if (what !== 'comments') return;
    const thread = state.threads().find((t) => t.id === threadId);
    if (thread) mergeQueue.blockingChanged(thread.projectId);
  });
}
