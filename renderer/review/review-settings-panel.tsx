import { useEffect, useState } from 'react';
import { defaultHazardPatterns } from '../../shared/review-settings';
import { reviewActions } from './review-api';
import { ReviewerSettingsForm } from './reviewer-settings-form';

/** Per project: the hazard list and how verification commands run (argv, or a shell chosen here). */
export function ReviewSettingsPanel({ projectId }: { projectId: string }) {
  const [hazards, setHazards] = useState('');
  const [shell, setShell] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void reviewActions.settings(projectId).then((result) => {
      if (!result.ok) return;
      setHazards(result.value.hazardPatterns.join('\n'));
      setShell(result.value.verificationShell ?? '');
    });
  }, [projectId]);
  const save = async () => {
    const result = await reviewActions.saveSettings({
      projectId,
      hazardPatterns: hazards
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      verificationShell: shell.trim() || null,
    });
    setMessage(result.ok ? 'Saved.' : result.error.message);
  };
  return (
    <div className="review-settings" data-testid="review-settings">
      <label className="small">
        Hazard paths (one glob per line)
        <textarea className="input mono" rows={6} value={hazards} onChange={(e) => setHazards(e.target.value)} />
      </label>
      <button type="button" className="link-button small" onClick={() => setHazards(defaultHazardPatterns.join('\n'))}>
        Restore defaults
      </button>
      <label className="small">
        Verification shell (empty: run commands as argv, no shell)
        <input
          className="input mono"
          data-testid="verification-shell"
          placeholder="/bin/bash"
          value={shell}
          onChange={(e) => setShell(e.target.value)}
        />
      </label>
      <div className="row">
        <button type="button" className="button small" data-testid="review-settings-save" onClick={() => void save()}>
          Save
        </button>
        {message && <span className="small muted">{message}</span>}
      </div>
      <ReviewerSettingsForm projectId={projectId} />
    </div>
  );
}
