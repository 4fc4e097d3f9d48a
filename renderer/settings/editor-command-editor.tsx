import { useEffect, useId, useState, type FormEvent } from 'react';
import type { WireError } from '../../shared/errors';
import { getBridge } from '../transport/bridge';
import { fieldErrorProps } from '../ui/field-error';
import { InlineError } from '../ui/inline-error';
import { getSettingsRequests } from './settings-store';

/**
 * The editor "Open in editor" runs: a program and its arguments, without a shell (the host refuses
 * shell syntax, and says so under the field). Blank: VS Code's `code`, else Cursor's `cursor`
 * on PATH, else $VISUAL / $EDITOR.
 */
export function EditorCommandEditor() {
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
        if (result.ok) setText(result.value.editorCommand ?? '');
        else setError(result.error);
        setLoaded(true);
      });
    const unsubscribe = getBridge().on('settings.updated', (next) => setText(next.editorCommand ?? ''));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const result = await getSettingsRequests().saveSettings({ editorCommand: text.trim() || null });
    if (result.ok) setSaved(true);
    else setError(result.error);
  };

  return (
    <form className="form" data-testid="settings-editor-form" onSubmit={(event) => void save(event)} noValidate>
      <label className="field">
        <span className="field-label">Editor for “Open in editor”</span>
        <input
          className="text-input mono"
          data-testid="settings-editor-input"
          placeholder="automatic: code, else cursor, else $VISUAL / $EDITOR"
          value={text}
          disabled={!loaded}
          spellCheck={false}
          {...fieldErrorProps(errorId, error)}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
            setError(null);
          }}
        />
        <InlineError error={error} testId="settings-editor-error" id={errorId} />
        <span className="field-hint">
          A program and its arguments, e.g. <code>code --new-window</code>; the worktree is added last. It runs without
          a shell.
        </span>
      </label>
      <div className="form-actions">
        {saved && (
          <span className="muted" data-testid="settings-editor-saved">
            Saved.
          </span>
        )}
        <button type="submit" className="button" data-testid="settings-editor-save" disabled={!loaded}>
          Save editor
        </button>
      </div>
    </form>
  );
}
