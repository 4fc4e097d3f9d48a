import type { QueueView } from '../../shared/merge-queue';

/** Threads not approved yet: they can be queued anyway, with a warning that nobody approved them. */
export function QueueCandidates({
  candidates,
  disabled,
  onQueue,
}: {
  candidates: QueueView['candidates'];
  disabled: boolean;
  onQueue(threadId: string): void;
}) {
  if (candidates.length === 0) return null;
  return (
    <section className="mq-section" data-testid="mq-candidates">
      <h3>Not approved</h3>
      <p className="muted mq-small">
        Queue one anyway only if you have reviewed it another way: landing runs no review.
      </p>
      <ul className="plain-list">
        {candidates.map((c) => (
          <li key={c.threadId} className="mq-candidate" data-testid="mq-candidate" data-thread-name={c.name}>
            <span>{c.name}</span> <span className="mono muted">{c.branch}</span>{' '}
            <span className="muted">({c.reviewState})</span>
            <button
              type="button"
              className="button small"
              data-testid="mq-queue-anyway"
              disabled={disabled}
              onClick={() => onQueue(c.threadId)}
            >
              Queue anyway
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
