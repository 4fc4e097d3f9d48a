import { useId, useState, type FormEvent } from 'react';
import type { WireError } from '../../shared/errors';
import { getActions } from '../state/actions';
import { useAppInfoStore } from '../state/app-info-store';
import { fieldErrorProps } from '../ui/field-error';
import { InlineError } from '../ui/inline-error';

interface OpenRepositoryControlProps {
  /** `large` on the welcome panel, `compact` in the top bar. */
  size: 'compact' | 'large';
  /** Takes the keyboard when shown (in the top bar's popover). */
  autoFocus?: boolean;
  /** Called once a repository opened (the popover closes). */
  onOpened?: () => void;
}

/**
 * Opens a git repository as a project. Electron can show the native folder picker; the browser
 * host cannot read local folders, so there the dispatcher types the path the host should open.
 */
export function OpenRepositoryControl({ size, autoFocus = false, onOpened }: OpenRepositoryControlProps) {
  const canPickFolder = useAppInfoStore((state) => state.info?.canPickFolder ?? false);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const errorId = useId();

  const pick = async () => {
    setBusy(true);
    setError(null);
    const result = await getActions().pickAndOpenProject();
    setBusy(false);
    if (result.ok) onOpened?.();
    else setError(result.error);
  };

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) {
      setError({ kind: 'invalid-request', message: 'Enter the path of a git repository on this machine.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await getActions().openProject(trimmed);
    setBusy(false);
    if (result.ok) {
      setPath('');
      onOpened?.();
    } else setError(result.error);
  };

  if (canPickFolder) {
    return (
      <div className={`open-repository open-repository-${size}`}>
        <button
          type="button"
          className={size === 'large' ? 'button primary large' : 'button'}
          data-testid="project-pick-button"
          disabled={busy}
          autoFocus={autoFocus}
          onClick={() => void pick()}
        >
          {busy ? 'Opening…' : 'Open repository…'}
        </button>
        <InlineError error={error} testId="project-error" />
      </div>
    );
  }

  return (
    <form className={`open-repository open-repository-${size}`} onSubmit={(event) => void open(event)}>
      <div className="input-row">
        <input
          type="text"
          className="text-input mono"
          data-testid="project-path-input"
          aria-label="Repository path"
          placeholder="/path/to/repository"
          spellCheck={false}
          autoComplete="off"
          autoFocus={autoFocus}
          value={path}
          {...fieldErrorProps(errorId, error)}
          onChange={(event) => {
            setPath(event.target.value);
            setError(null);
          }}
        />
        <button
          type="submit"
          className={size === 'large' ? 'button primary' : 'button'}
          data-testid="project-open-button"
          disabled={busy}
        >
          {busy ? 'Opening…' : 'Open'}
        </button>
      </div>
      <InlineError error={error} testId="project-error" id={errorId} />
    </form>
  );
}
