import { useEffect, useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import type { RequestOf } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { SettingsView } from '../../shared/settings';
import { getBridge } from '../transport/bridge';
import { fieldErrorProps } from '../ui/field-error';
import { InlineError } from '../ui/inline-error';
import { getSettingsRequests } from './settings-store';

/** What the typed text asks to save, or why it is refused (shown under the field). */
export type SettingsFieldChange = { ok: true; value: RequestOf<'settings.set'> } | { ok: false; message: string };

export interface SettingsFieldFormProps {
  /** Test ids are this with -form, -input, -error, -saved and -save. */
  testId: string;
  label: string;
  hint: ReactNode;
  saveLabel: string;
  input: Pick<InputHTMLAttributes<HTMLInputElement>, 'className' | 'placeholder' | 'inputMode' | 'spellCheck'>;
  /** The field's text for stored settings; a stable (module-level) function, as it keys the load. */
  read: (settings: SettingsView) => string;
  change: (text: string) => SettingsFieldChange;
}

/**
 * One app setting in a form of its own, saved on its own: loaded from the host, kept in step when
 * another window changes it, with its refusal under the field.
 */
export function SettingsFieldForm({ testId, label, hint, saveLabel, input, read, change }: SettingsFieldFormProps) {
  const [loaded, setLoaded] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  const errorId = useId();

  useEffect(() => {
    let cancelled = false;
    void getSettingsRequests()
      .loadSettings()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) setText(read(result.value));
        else setError(result.error);
        setLoaded(true);
      });
    const unsubscribe = getBridge().on('settings.updated', (next) => setText(read(next)));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [read]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = change(text);
    if (!parsed.ok) {
      setError({ kind: 'invalid-request', message: parsed.message });
      return;
    }
    setError(null);
    const result = await getSettingsRequests().saveSettings(parsed.value);
    if (result.ok) setSaved(true);
    else setError(result.error);
  };

  return (
    <form className="form" data-testid={`${testId}-form`} onSubmit={(event) => void save(event)} noValidate>
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          {...input}
          data-testid={`${testId}-input`}
          value={text}
          disabled={!loaded}
          {...fieldErrorProps(errorId, error)}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
            setError(null);
          }}
        />
        <InlineError error={error} testId={`${testId}-error`} id={errorId} />
        <span className="field-hint">{hint}</span>
      </label>
      <div className="form-actions">
        {saved && (
          <span className="muted" data-testid={`${testId}-saved`}>
            Saved.
          </span>
        )}
        <button type="submit" className="button" data-testid={`${testId}-save`} disabled={!loaded}>
          {saveLabel}
        </button>
      </div>
    </form>
  );
}
