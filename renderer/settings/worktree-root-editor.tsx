import { useId, useState, type FormEvent } from 'react';
import type { WireError } from '../../shared/errors';
import type { Project } from '../../shared/models';
import { getActions } from '../state/actions';
import { fieldErrorProps } from '../ui/field-error';
import { ElidedPath } from '../ui/elided-path';
import { InlineError } from '../ui/inline-error';

/** Shows where the project's thread worktrees go, with a small in-place editor. */
export function WorktreeRootEditor({ project }: { project: Project }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const errorId = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const value = (draft ?? '').trim();
    if (!value) {
      setError({ kind: 'invalid-request', message: 'Enter a folder for the worktrees.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await getActions().setWorktreeRoot(project.id, value);
    setBusy(false);
    if (result.ok) setDraft(null);
    else setError(result.error);
  };

  const cancel = () => {
    setDraft(null);
    setError(null);
  };

  if (draft === null) {
    return (
      <span className="project-fact" data-testid="worktree-root">
        <span className="fact-label">worktrees</span>
        <ElidedPath path={project.worktreeRoot} />
        <button
          type="button"
          className="icon-button"
          title="Change where new worktrees are created"
          aria-label="Edit worktree folder"
          data-testid="worktree-root-edit"
          onClick={() => setDraft(project.worktreeRoot)}
        >
          ✎
        </button>
      </span>
    );
  }

  return (
    <form className="worktree-root-form" onSubmit={(event) => void save(event)}>
      <span className="fact-label">worktrees</span>
      <input
        className="text-input mono"
        data-testid="worktree-root-input"
        aria-label="Worktree folder"
        value={draft}
        spellCheck={false}
        autoFocus
        {...fieldErrorProps(errorId, error)}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') cancel();
        }}
      />
      <button type="submit" className="button small primary" data-testid="worktree-root-save" disabled={busy}>
        Save
      </button>
      <button type="button" className="button small" data-testid="worktree-root-cancel" onClick={cancel}>
        Cancel
      </button>
      <InlineError error={error} testId="worktree-root-error" id={errorId} />
    </form>
  );
}
