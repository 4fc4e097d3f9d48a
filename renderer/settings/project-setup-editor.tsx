import { useState } from 'react';
import type { WireError } from '../../shared/errors';
import { getActions } from '../state/actions';
import { useProjectsStore } from '../state/projects-store';
import { useUiStore } from '../state/ui-store';
import { InlineError } from '../ui/inline-error';
import { LinesField } from '../ui/lines-field';
import { Modal } from '../ui/modal';

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
        <LinesField
          label="Setup command — one argument per line; runs in each new worktree before the agent"
          hint="No shell is involved. To use one, say so: /bin/sh, then -c, then the command line."
          testId="project-setup-command"
          rows={4}
          placeholder={'npm\nci'}
          value={command}
          onChange={setCommand}
        />
        <LinesField
          label="Files to copy from the main checkout — one path per line (e.g. git-ignored .env files)"
          testId="project-setup-copy"
          placeholder=".env"
          value={copyFiles}
          onChange={setCopyFiles}
        />
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
