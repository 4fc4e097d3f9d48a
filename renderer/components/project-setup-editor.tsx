import { useState } from 'react';
import type { WireError } from '../../shared/errors';
import { getActions } from '../state/actions';
import { useProjectsStore } from '../state/projects-store';
import { useUiStore } from '../state/ui-store';
import { InlineError } from './inline-error';
import { Modal } from './modal';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * A project's worktree preparation: the command run in each new worktree before its agent (argv,
 * one argument per line — name a shell explicitly to use one), and git-ignored files such as `.env`
 * copied over from the main checkout.
 */
export function ProjectSetupEditor({ projectId }: { projectId: string }) {
  const project = useProjectsStore((state) => state.projects.find((p) => p.id === projectId));
  const closeDialog = useUiStore((state) => state.closeDialog);
  const [command, setCommand] = useState((project?.setupCommand ?? []).join('\n'));
  const [copyFiles, setCopyFiles] = useState((project?.copyFiles ?? []).join('\n'));
  const [error, setError] = useState<WireError | null>(null);
  const [saving, setSaving] = useState(false);
  if (!project) return null;

  const save = async () => {
    setSaving(true);
    const argv = lines(command);
    const result = await getActions().setProjectSetup(project.id, argv.length ? argv : null, lines(copyFiles));
    setSaving(false);
    if (result.ok) closeDialog();
    else setError(result.error);
  };

  return (
    <Modal title={`Worktree setup for ${project.name}`} testId="project-setup-dialog" onClose={closeDialog}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span className="field-label">
            Setup command — one argument per line; runs in each new worktree before the agent
          </span>
          <textarea
            className="text-input mono"
            rows={4}
            data-testid="project-setup-command"
            placeholder={'npm\nci'}
            value={command}
            onChange={(event) => setCommand(event.target.value)}
          />
          <small className="field-hint">
            No shell is involved. To use one, say so: <span className="mono">/bin/sh</span>,{' '}
            <span className="mono">-c</span>, <span className="mono">npm ci &amp;&amp; npm run build</span>.
          </small>
        </label>
        <label className="field">
          <span className="field-label">
            Files to copy from the main checkout — one path per line (e.g. git-ignored .env files)
          </span>
          <textarea
            className="text-input mono"
            rows={3}
            data-testid="project-setup-copy"
            placeholder=".env"
            value={copyFiles}
            onChange={(event) => setCopyFiles(event.target.value)}
          />
        </label>
        <InlineError error={error} testId="project-setup-error" />
        <div className="form-actions">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="project-setup-save" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
