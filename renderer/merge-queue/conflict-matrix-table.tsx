import type { ConflictMatrix, PairVerdict } from '../../shared/merge-queue';

/**
 * Every pair of queued branches, and each against the target: ✗ conflicts (files named in the
 * cell's title and below), ≈ merges cleanly but both touch the same files, ✓ clean.
 */
export function ConflictMatrixTable({ matrix, names }: { matrix: ConflictMatrix; names: Record<string, string> }) {
  const branches = Object.keys(matrix.tips);
  if (branches.length === 0) return null;
  const verdict = (a: string, b: string): PairVerdict | undefined =>
    matrix.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  const columns = [matrix.target, ...branches];
  const label = (branch: string) => (branch === matrix.target ? `${branch} (target)` : (names[branch] ?? branch));
  const conflicting = matrix.pairs.filter((p) => !p.clean);

  return (
    <div className="mq-matrix" data-testid="mq-matrix">
      <table>
        <thead>
          <tr>
            <th />
            {columns.map((c) => (
              <th key={c} scope="col" title={c}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {branches.map((row) => (
            <tr key={row}>
              <th scope="row" title={row}>
                {label(row)}
              </th>
              {columns.map((column) => {
                if (column === row) return <td key={column} className="mq-cell self" />;
                const pair = verdict(row, column);
                if (!pair) return <td key={column} className="mq-cell" />;
                const kind = !pair.clean ? 'conflict' : pair.overlap.length ? 'overlap' : 'clean';
                const title = !pair.clean
                  ? `conflicts in ${pair.conflicts.join(', ')}`
                  : pair.overlap.length
                    ? `clean, but both change ${pair.overlap.join(', ')}`
                    : 'clean';
                return (
                  <td
                    key={column}
                    className={`mq-cell ${kind}`}
                    title={title}
                    data-testid="mq-matrix-cell"
                    data-kind={kind}
                  >
                    {kind === 'conflict' ? '✗' : kind === 'overlap' ? '≈' : '✓'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted mq-small" data-testid="mq-matrix-summary">
        {conflicting.length === 0
          ? `No pair conflicts (${matrix.pairs.length} checked with git merge-tree, no working tree touched).`
          : `${conflicting.length} conflicting pair${conflicting.length === 1 ? '' : 's'}: ` +
            conflicting.map((p) => `${label(p.a)} + ${label(p.b)} in ${p.conflicts.join(', ')}`).join('; ')}
      </p>
    </div>
  );
}
