import type { MergeOutcome } from '../../shared/models';

export function MergeResult({ outcome, branch }: { outcome: MergeOutcome; branch: string }) {
  return (
    <div className="result-panel success" data-testid="merge-result">
      <p>
        Merged <span className="mono">{branch}</span> into <span className="mono">{outcome.into}</span> as{' '}
        <span className="mono" data-testid="merge-commit" title={outcome.commit}>
          {outcome.commit.slice(0, 7)}
        </span>
        .
      </p>
      <p className="muted">
        {outcome.into} moved from <span className="mono">{outcome.previousTip.slice(0, 7)}</span> to{' '}
        <span className="mono">{outcome.commit.slice(0, 7)}</span>.
      </p>
      {outcome.updatedCheckout && (
        <p data-testid="merge-updated-checkout">
          The checkout at <span className="mono">{outcome.updatedCheckout}</span> had {outcome.into} checked out and was
          fast-forwarded to the merge.
        </p>
      )}
    </div>
  );
}
