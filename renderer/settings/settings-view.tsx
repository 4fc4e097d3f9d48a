import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { CustomProfile } from '../../shared/custom-profile';
import type { WireError } from '../../shared/errors';
import type { AgentProfileInfo } from '../../shared/models';
import type { SettingsView as Settings } from '../../shared/settings';
import { getActions } from '../state/actions';
import { useProfilesStore } from '../state/profiles-store';
import { closeSettings, getSettingsRequests, useSettingsStore } from './settings-store';
import { getBridge } from '../transport/bridge';
import { CustomProfileEditor } from './custom-profile-editor';
import { EditorCommandEditor } from './editor-command-editor';
import { PriceOverridesEditor } from './price-overrides-editor';
import { StuckTimeoutEditor } from './stuck-timeout-editor';
import { fieldErrorProps } from '../ui/field-error';
import { InlineError } from '../ui/inline-error';
import { Modal } from '../ui/modal';
import '../styles/settings.css';

/** The settings window, shown while `openSettings()` has it open. Mount once, anywhere. */
export function SettingsView() {
  const open = useSettingsStore((state) => state.open);
  return open ? <SettingsWindow /> : null;
}

/** The window itself, for callers that decide visibility on their own. */
export function SettingsWindow() {
  return (
    <Modal title="Settings" testId="settings-dialog" onClose={closeSettings} wide>
      <div className="settings">
        <AppSettingsSection />
        <AgentsSection />
        <PriceOverridesEditor />
      </div>
    </Modal>
  );
}

/** `maxRunningAgents` as typed: blank leaves it to the machine. */
export function parseMaxRunningAgents(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    return { ok: false, message: 'Agents at once is a whole number from 1 to 64, or blank for automatic.' };
  }
  return { ok: true, value };
}

function AppSettingsSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [maxText, setMaxText] = useState('');
  const [notifications, setNotifications] = useState(true);
  const [agentsOnQuit, setAgentsOnQuit] = useState<Settings['agentsOnQuit']>('ask');
  const [error, setError] = useState<WireError | null>(null);
  // A refused number belongs under its field; anything else (loading, saving) to the whole form.
  const [maxError, setMaxError] = useState<WireError | null>(null);
  const maxErrorId = useId();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const adopt = useCallback((next: Settings) => {
    setSettings(next);
    setMaxText(next.maxRunningAgents === null ? '' : String(next.maxRunningAgents));
    setNotifications(next.notifications);
    setAgentsOnQuit(next.agentsOnQuit);
  }, []);

  useEffect(() => {
    let cancelled = false;
    void getSettingsRequests()
      .loadSettings()
      .then((result) => {
        if (cancelled) return;
        if (result.ok) adopt(result.value);
        else setError(result.error);
      });
    // Another window may change them while this one is open.
    const unsubscribe = getBridge().on('settings.updated', adopt);
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [adopt]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const max = parseMaxRunningAgents(maxText);
    if (!max.ok) {
      setMaxError({ kind: 'invalid-request', message: max.message });
      return;
    }
    setSaving(true);
    setError(null);
    setMaxError(null);
    setSaved(false);
    const result = await getSettingsRequests().saveSettings({
      maxRunningAgents: max.value,
      notifications,
      agentsOnQuit,
    });
    setSaving(false);
    if (result.ok) {
      adopt(result.value);
      setSaved(true);
    } else if (result.error.kind === 'invalid-request') {
      setMaxError(result.error);
    } else {
      setError(result.error);
    }
  };

  return (
    <section className="settings-section" data-testid="app-settings">
      <h3 className="settings-heading">App</h3>
      <form className="form" onSubmit={(event) => void save(event)} noValidate>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Agents running at once</span>
            <input
              className="text-input"
              data-testid="settings-max-agents-input"
              inputMode="numeric"
              placeholder={settings ? `automatic (${settings.effectiveMaxRunningAgents})` : 'automatic'}
              value={maxText}
              disabled={settings === null}
              {...fieldErrorProps(maxErrorId, maxError)}
              onChange={(event) => {
                setMaxText(event.target.value);
                setSaved(false);
                setMaxError(null);
              }}
            />
            <InlineError error={maxError} testId="settings-max-agents-error" id={maxErrorId} />
            <span className="field-hint" data-testid="settings-effective-max">
              {settings
                ? `In force: ${settings.effectiveMaxRunningAgents}. More threads wait in a queue until one finishes. Blank: chosen from this machine's memory.`
                : 'Loading…'}
            </span>
          </label>
          <label className="toggle settings-toggle">
            <input
              type="checkbox"
              data-testid="settings-notifications-toggle"
              checked={notifications}
              disabled={settings === null}
              onChange={(event) => {
                setNotifications(event.target.checked);
                setSaved(false);
              }}
            />
            Notify me when a thread needs input, finishes or fails
          </label>
        </div>
        <label className="field">
          <span className="field-label">When Switchyard quits</span>
          <select
            className="text-input"
            data-testid="settings-agents-on-quit"
            value={agentsOnQuit}
            disabled={settings === null}
            onChange={(event) => {
              setAgentsOnQuit(event.target.value as Settings['agentsOnQuit']);
              setSaved(false);
            }}
          >
            <option value="ask">Ask me (the terminal keeps agents running)</option>
            <option value="keep">Keep agents running</option>
            <option value="stop">Stop them all</option>
          </select>
          <span className="field-hint">
            Kept agents carry on without the window or the terminal; the next start reattaches them and says what
            happened meanwhile.
          </span>
        </label>
        <InlineError error={error} testId="settings-error" />
        <div className="form-actions">
          {saved && (
            <span className="muted" data-testid="settings-saved">
              Saved.
            </span>
          )}
          <button
            type="submit"
            className="button primary"
            data-testid="settings-save-button"
            disabled={saving || settings === null}
          >
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
      <EditorCommandEditor />
      <StuckTimeoutEditor />
    </section>
  );
}

type Editing = { kind: 'new' } | { kind: 'edit'; profile: CustomProfile } | null;

function AgentsSection() {
  const profiles = useProfilesStore((state) => state.profiles);
  const [customs, setCustoms] = useState<CustomProfile[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const reloadCustoms = useCallback(async () => {
    const result = await getSettingsRequests().listCustomProfiles();
    if (result.ok) setCustoms(result.value);
    else setError(result.error);
  }, []);

  useEffect(() => {
    // Install state may have changed since the app started; versions are cached briefly on the host.
    void getActions().refreshProfiles();
    void reloadCustoms();
  }, [reloadCustoms]);

  const remove = async (id: string) => {
    setConfirmingDelete(null);
    setError(null);
    const result = await getSettingsRequests().deleteCustomProfile(id);
    if (!result.ok) setError(result.error);
    else {
      if (editing?.kind === 'edit' && editing.profile.id === id) setEditing(null);
      await reloadCustoms();
    }
  };

  const finishEditing = () => {
    setEditing(null);
    void reloadCustoms();
  };

  return (
    <section className="settings-section" data-testid="agent-settings">
      <h3 className="settings-heading">Agents</h3>
      <AgentTable
        profiles={profiles}
        editableIds={customs.map((c) => c.id)}
        confirmingDelete={confirmingDelete}
        onEdit={(id) => {
          const profile = customs.find((c) => c.id === id);
          if (profile) setEditing({ kind: 'edit', profile });
        }}
        onAskDelete={setConfirmingDelete}
        onConfirmDelete={(id) => void remove(id)}
        onCancelDelete={() => setConfirmingDelete(null)}
      />
      <InlineError error={error} testId="agent-settings-error" />
      {editing ? (
        <CustomProfileEditor
          key={editing.kind === 'edit' ? editing.profile.id : 'new'}
          initial={editing.kind === 'edit' ? editing.profile : null}
          takenIds={profiles.map((p) => p.id)}
          onSaved={finishEditing}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            data-testid="custom-profile-new-button"
            onClick={() => setEditing({ kind: 'new' })}
          >
            Add a custom agent…
          </button>
        </div>
      )}
    </section>
  );
}

interface AgentTableProps {
  profiles: readonly AgentProfileInfo[];
  /** Custom profiles whose stored definition is loaded, so they can be edited. */
  editableIds: readonly string[];
  confirmingDelete: string | null;
  onEdit: (id: string) => void;
  onAskDelete: (id: string) => void;
  onConfirmDelete: (id: string) => void;
  onCancelDelete: () => void;
}

/** Every profile: installed or not (with the install command), version, program, modes and approval modes. */
export function AgentTable(props: AgentTableProps) {
  return (
    <table className="agent-table" data-testid="agent-table">
      <thead>
        <tr>
          <th>Agent</th>
          <th>Installed</th>
          <th>Program</th>
          <th>Runs</th>
          <th>Approvals</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {props.profiles.map((profile) => (
          <AgentRow
            key={profile.id}
            profile={profile}
            confirmingDelete={props.confirmingDelete === profile.id}
            onEdit={props.editableIds.includes(profile.id) ? () => props.onEdit(profile.id) : null}
            // Only the user's own profiles can go; built-in ones are part of the app.
            onDelete={profile.custom ? () => props.onAskDelete(profile.id) : null}
            onConfirmDelete={() => props.onConfirmDelete(profile.id)}
            onCancelDelete={props.onCancelDelete}
          />
        ))}
      </tbody>
    </table>
  );
}

interface AgentRowProps {
  profile: AgentProfileInfo;
  confirmingDelete: boolean;
  onEdit: (() => void) | null;
  onDelete: (() => void) | null;
  onConfirmDelete: () => void;
  onCancelDelete: () => void;
}

function AgentRow({ profile, confirmingDelete, onEdit, onDelete, onConfirmDelete, onCancelDelete }: AgentRowProps) {
  return (
    <tr data-testid={`agent-row-${profile.id}`} className={profile.installed ? '' : 'agent-missing'}>
      <td>
        {profile.label}
        {profile.custom && <span className="agent-tag">custom</span>}
      </td>
      <td data-testid="agent-installed">
        {profile.installed ? (
          <span className="agent-installed">✓ {profile.version ?? ''}</span>
        ) : (
          <span className="agent-not-installed">
            ✗ not installed
            {profile.installHint && (
              <span className="agent-install-hint mono selectable" title="Install command">
                {profile.installHint}
              </span>
            )}
          </span>
        )}
      </td>
      <td className="mono truncate" title={profile.binary}>
        {profile.takesCommand ? <span className="muted">the command you give</span> : profile.binary}
      </td>
      <td>
        {profile.modes.join(', ')}
        {profile.supportsResume && <span className="muted"> · resumes</span>}
      </td>
      <td>
        {profile.approvalModes.map((mode) => (
          <span
            key={mode.id}
            className={`approval-chip${mode.bypass ? ' approval-chip-bypass' : ''}`}
            title={mode.label}
          >
            {mode.id}
          </span>
        ))}
      </td>
      <td className="agent-actions">
        {confirmingDelete ? (
          <>
            <button type="button" className="button small danger" onClick={onConfirmDelete}>
              Delete
            </button>
            <button type="button" className="button small" onClick={onCancelDelete}>
              Keep
            </button>
          </>
        ) : (
          <>
            {onEdit && (
              <button type="button" className="button small" data-testid="custom-profile-edit-button" onClick={onEdit}>
                Edit
              </button>
            )}
            {onDelete && (
              <button
                type="button"
                className="button small danger-outline"
                data-testid="custom-profile-delete-button"
                onClick={onDelete}
              >
                Delete
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
