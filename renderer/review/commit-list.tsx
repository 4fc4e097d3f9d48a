import type { ReviewSummary } from '../../shared/review';

export function CommitList({ summary }: { summary: ReviewSummary }) {
  if (summary.detailsPending) return <p className="muted small">Reading the commits…</p>;
  if (summary.commits.length === 0) return <p className="muted small">No commits on the branch yet.</p>;
  return (
    <ul className="commit-list" data-testid="diff-commits">
      {summary.commits.map((commit) => (
        <li key={commit.sha} data-testid="diff-commit" title={`${commit.author}, ${commit.date}`}>
          <span className="mono commit-sha">{commit.sha.slice(0, 7)}</span>
          <span className="truncate">{commit.subject}</span>
        </li>
      ))}
      {summary.commitsTruncated && <li className="muted">… older commits not shown</li>}
    </ul>
  );
}
