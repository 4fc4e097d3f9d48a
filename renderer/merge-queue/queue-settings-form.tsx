import { useState } from 'react';
import { type LandMode, landModes, type QueueSettings } from '../../shared/merge-queue';

const modeLabels: Record<LandMode, string> = {
  merge: 'merge commit (no fast-forward)',
  squash: 'squash into one commit',
  rebase: 'rebase, then fast-forward',
};

/** Per project: target (base or integration/<name>), landing mode, verification command, changelog. */
export function QueueSettingsForm({
  settings,
  disabled,
  onSave,
}: {
  settings: QueueSettings;
  disabled: boolean;
  onSave(settings: QueueSettings): void;
}) {
  const [integration, setIntegration] = useState(settings.integrationName ?? '');
  const [base, setBase] = useState(settings.base ?? '');
  const [mode, setMode] = useState<LandMode>(settings.mode);
  const [verify, setVerify] = useState((settings.verify ?? []).join('\n'));
  const [changelogOn, setChangelogOn] = useState(settings.changelog !== null);
  const [file, setFile] = useState(settings.changelog?.file ?? 'CHANGELOG.md');
  const [heading, setHeading] = useState(settings.changelog?.heading ?? '## Unreleased');

  return (
    <form
      className="mq-settings"
      data-testid="mq-settings"
      onSubmit={(event) => {
        event.preventDefault();
        const argv = verify
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        onSave({
          integrationName: integration.trim() || null,
          base: base.trim() || null,
          mode,
          verify: argv.length ? argv : null,
          changelog: changelogOn
            ? { file: file.trim() || 'CHANGELOG.md', heading: heading.trim() || '## Unreleased' }
            : null,
        });
      }}
    >
      <label>
        Land into
        <span className="mq-inline">
          <span className="mono">integration/</span>
          <input
            data-testid="mq-integration-name"
            value={integration}
            placeholder="(empty: the base branch itself)"
            onChange={(e) => setIntegration(e.target.value)}
          />
        </span>
      </label>
      <label>
        Base branch
        <input
          data-testid="mq-base"
          value={base}
          placeholder="(the checked-out branch)"
          onChange={(e) => setBase(e.target.value)}
        />
      </label>
      <label>
        Landing mode
        <select data-testid="mq-mode" value={mode} onChange={(e) => setMode(e.target.value as LandMode)}>
          {landModes.map((m) => (
            <option key={m} value={m}>
              {modeLabels[m]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Verification, run in the integration worktree after each entry (one argument per line; name a shell to use one)
        <textarea
          data-testid="mq-verify"
          rows={3}
          value={verify}
          placeholder={'npm\ntest'}
          onChange={(e) => setVerify(e.target.value)}
        />
      </label>
      <label className="mq-check">
        <input type="checkbox" checked={changelogOn} onChange={(e) => setChangelogOn(e.target.checked)} /> Gather
        changelog fragments into
      </label>
      {changelogOn && (
        <span className="mq-inline">
          <input aria-label="Changelog file" value={file} onChange={(e) => setFile(e.target.value)} />
          <input aria-label="Changelog heading" value={heading} onChange={(e) => setHeading(e.target.value)} />
        </span>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="mq-settings-save" disabled={disabled}>
          Save queue settings
        </button>
      </div>
    </form>
  );
}
