import { useEffect, useState } from 'react';
import { criterionLabels, scoreCriteria, type ScoreWeights } from '../../shared/attempts';
import { getBridge } from '../transport/bridge';

/** The project's score weights (percent), saved for every attempt group of the project. */
export function WeightsEditor({
  projectId,
  weights,
  onSaved,
}: {
  projectId: string;
  weights: ScoreWeights;
  onSaved(): void;
}) {
  const [draft, setDraft] = useState(weights);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(weights), [weights]);
  const changed = scoreCriteria.some((c) => draft[c] !== weights[c]);

  const save = async () => {
    setSaving(true);
    const result = await getBridge().invoke('attempts.setWeights', { projectId, weights: draft });
    setSaving(false);
    if (result.ok) onSaved();
  };

  return (
    <details className="attempt-weights" data-testid="attempt-weights">
      <summary className="field-label">Weights (this project)</summary>
      <div className="attempt-weights-fields">
        {scoreCriteria.map((criterion) => (
          <label key={criterion} className="field">
            <span className="field-label">{criterionLabels[criterion]} %</span>
            <input
              type="number"
              className="text-input"
              data-testid={`attempt-weight-${criterion}`}
              min={0}
              max={100}
              value={draft[criterion]}
              onChange={(event) =>
                setDraft({ ...draft, [criterion]: Math.max(0, Math.min(100, Number(event.target.value) || 0)) })
              }
            />
          </label>
        ))}
        <button
          type="button"
          className="button small"
          data-testid="attempt-weights-save"
          disabled={!changed || saving}
          onClick={() => void save()}
        >
          Save weights
        </button>
      </div>
    </details>
  );
}
