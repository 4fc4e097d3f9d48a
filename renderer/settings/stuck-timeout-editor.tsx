import { useEffect, useId, useState, type FormEvent } from 'react';
import type { WireError } from '../../shared/errors';
import { defaultStuckAfterMinutes } from '../../shared/limits';
import { getBridge } from '../transport/bridge';
import { fieldErrorProps } from '../ui/field-error';
import { InlineError } from '../ui/inline-error';
import { getSettingsRequests } from './settings-store';

/** The field as typed: blank is the default, 0 turns "stuck?" off. */
export function parseStuckAfterMinutes(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: defaultStuckAfterMinutes };
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 0 || value > 1440) {
    return { ok: false, message: 'Minutes is a whole number from 1 to 1440, 0 for never, or blank for the default.' };
  }
  return { ok: true, value };
}

/**
 * How long a working agent's screen may stay unchanged before its thread reads "stuck?" (and a
 * notification says so). Rate limits and connection retries are told apart on their own.
 */
export function StuckTimeoutEditor() {
  const [loaded, setLoaded] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  const errorId = useId();
  const shown = (minutes: number | undefined) => String(minutes ?? defaultStuckAfterMinutes);

  useEffect(() => {
    let cancelled = false;
    void getSettingsRequests()
      .loadSettings()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) setText(shown(result.value.stuckAfterMinutes));
        else setError(result.error);
        setLoaded(true);
      });
    const unsubscribe = getBridge().on('settings.updated', (next) => setText(shown(next.stuckAfterMinutes)));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = parseStuckAfterMinutes(text);
    if (!parsed.ok) {
      setError({ kind: 'invalid-request', message: parsed.message });
      return;
    }
    setError(null);
    const result = await getSettingsRequests().saveSettings({ stuckAfterMinutes: parsed.value });
    if (result.ok) setSaved(true);
    else setError(result.error);
  };

  return (
    <form className="form" data-testid="settings-stuck-form" onSubmit={(event) => void save(event)} noValidate>
      <label className="field">
        <span className="field-label">Call a working agent “stuck?” after (minutes)</span>
        <input
          className="text-input"
          data-testid="settings-stuck-input"
          inputMode="numeric"
          placeholder={String(defaultStuckAfterMinutes)}
          value={text}
          disabled={!loaded}
          {...fieldErrorProps(errorId, error)}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
            setError(null);
          }}
        />
        <InlineError error={error} testId="settings-stuck-error" id={errorId} />
        <span className="field-hint">
          No output and no change on its screen for this long while working: the thread reads “stuck?” and you are
          notified. 0: never. Rate limits and connection retries show as rate-limited and stalled on their own.
        </span>
      </label>
      <div className="form-actions">
        {saved && (
          <span className="muted" data-testid="settings-stuck-saved">
            Saved.
          </span>
        )}
        <button type="submit" className="button" data-testid="settings-stuck-save" disabled={!loaded}>
          Save
        </button>
      </div>
    </form>
  );
}
