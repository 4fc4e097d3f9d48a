import { useEffect, useState } from 'react';
import { getBridge } from '../transport/bridge';

/**
 * Per project: the prompt reviewer agents get (before the brief and the diff), and how many
 * reviewers Review all runs at once.
 */
export function ReviewerSettingsForm({ projectId }: { projectId: string }) {
  const [prompt, setPrompt] = useState('');
  const [defaultPrompt, setDefaultPrompt] = useState('');
  const [maxParallel, setMaxParallel] = useState(2);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void getBridge()
      .invoke('reviewer.settings', { projectId })
      .then((result) => {
        if (!result.ok) return;
        setDefaultPrompt(result.value.defaultPrompt);
        setPrompt(result.value.prompt ?? result.value.defaultPrompt);
        setMaxParallel(result.value.maxParallel);
      });
  }, [projectId]);
  const save = async () => {
    const result = await getBridge().invoke('reviewer.setSettings', {
      projectId,
      // The built-in prompt, unchanged, stays the built-in one (and follows it when it improves).
      settings: { prompt: prompt.trim() === defaultPrompt.trim() ? null : prompt, maxParallel },
    });
    setMessage(result.ok ? 'Saved.' : result.error.message);
  };
  return (
    <div className="review-settings" data-testid="reviewer-settings">
      <label className="small">
        Reviewer prompt (the brief and the diff follow it)
        <textarea
          className="input mono"
          data-testid="reviewer-prompt"
          rows={8}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
        />
      </label>
      <button type="button" className="link-button small" onClick={() => setPrompt(defaultPrompt)}>
        Restore the built-in prompt
      </button>
      <label className="small">
        Reviewers at once (Review all)
        <input
          className="input"
          type="number"
          min={1}
          max={8}
          data-testid="reviewer-max-parallel"
          value={maxParallel}
          onChange={(e) => setMaxParallel(Math.min(8, Math.max(1, Number(e.target.value) || 1)))}
        />
      </label>
      <div className="row">
        <button type="button" className="button small" data-testid="reviewer-settings-save" onClick={() => void save()}>
          Save
        </button>
        {message && <span className="small muted">{message}</span>}
      </div>
    </div>
  );
}
