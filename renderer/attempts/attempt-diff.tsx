import 'diff2html/bundles/css/diff2html.min.css';
import { html } from 'diff2html';
import { useMemo, useState } from 'react';
import type { AttemptGroup } from '../../shared/attempts';
import type { AttemptDiff } from '../../shared/contract/attempts';
import type { WireError } from '../../shared/errors';
import { getBridge } from '../transport/bridge';

/** `git diff A..B` between any two attempts of the group, drawn by diff2html (as the review's diffs are). */
export function AttemptDiffPanel({ group }: { group: AttemptGroup }) {
  const ks = group.attempts.map((a) => a.k);
  const [a, setA] = useState(ks[0] ?? 1);
  const [b, setB] = useState(ks[1] ?? 2);
  const [diff, setDiff] = useState<AttemptDiff | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [loading, setLoading] = useState(false);
  const drawn = useMemo(
    () => (diff ? html(diff.patch, { outputFormat: 'line-by-line', drawFileList: true, matching: 'none' }) : ''),
    [diff],
  );

  const show = async () => {
    setLoading(true);
    const result = await getBridge().invoke('attempts.diff', { groupId: group.id, a, b });
    setLoading(false);
    if (result.ok) {
      setDiff(result.value);
      setError(null);
    } else setError(result.error);
  };

  const picker = (value: number, onChange: (k: number) => void, label: string) => (
    <select
      className="select"
      aria-label={label}
      data-testid={`attempt-diff-${label === 'From attempt' ? 'a' : 'b'}`}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
    >
      {ks.map((k) => (
        <option key={k} value={k}>
          attempt {k}
        </option>
      ))}
    </select>
  );

  return (
    <section className="attempt-diff" data-testid="attempt-diff">
      <div className="attempt-diff-bar">
        <span className="field-label">Diff between</span>
        {picker(a, setA, 'From attempt')}
        {picker(b, setB, 'To attempt')}
        <button
          type="button"
          className="button small"
          data-testid="attempt-diff-show"
          disabled={loading}
          onClick={() => void show()}
        >
          {loading ? 'Reading…' : 'Show diff'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {diff && diff.patch === '' && <p className="muted">The two attempts have the same committed work.</p>}
      {diff?.truncated && <p className="field-hint warning">The diff is long: only its first 2 MB are shown.</p>}
      {/* diff2html escapes the patch's text. */}
      {diff && diff.patch !== '' && <div className="attempt-diff-body" dangerouslySetInnerHTML={{ __html: drawn }} />}
    </section>
  );
}
