import { useState, type FormEvent } from 'react';
import { type CustomProfile, CustomProfileSchema, customProfileIdFor } from '../../shared/custom-profile';
import type { WireError } from '../../shared/errors';
import { getSettingsRequests } from './settings-store';
import { LinesField } from '../ui/lines-field';

/** The editor's fields as typed: lists one item per line, the environment as KEY=VALUE lines. */
export interface CustomProfileForm {
  label: string;
  binary: string;
  args: string;
  promptArgs: string;
  env: string;
  needsInputPatterns: string;
  resumeArgs: string;
}

export const emptyCustomProfileForm: CustomProfileForm = {
  label: '',
  binary: '',
  args: '',
  promptArgs: '{prompt}',
  env: '',
  needsInputPatterns: '',
  resumeArgs: '',
};

/** Field names as the form calls them, for validation messages. */
const fieldNames: Record<string, string> = {
  id: 'Id',
  label: 'Name',
  binary: 'Program',
  args: 'Arguments',
  promptArgs: 'Prompt arguments',
  env: 'Environment',
  needsInputPatterns: 'Needs-input patterns',
  resumeArgs: 'Resume arguments',
};

/** One item per line; blank lines are ignored (an empty argument is almost never meant). */
function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

export function formFromCustomProfile(profile: CustomProfile): CustomProfileForm {
  return {
    label: profile.label,
    binary: profile.binary,
    args: profile.args.join('\n'),
    promptArgs: profile.promptArgs.join('\n'),
    env: Object.entries(profile.env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    needsInputPatterns: profile.needsInputPatterns.join('\n'),
    resumeArgs: profile.resumeArgs?.join('\n') ?? '',
  };
}

export type FormOutcome = { ok: true; profile: CustomProfile } | { ok: false; message: string };

/** The profile the form describes, checked with the same schema the host uses, or what is wrong with it. */
export function customProfileFromForm(form: CustomProfileForm, id: string): FormOutcome {
  const env: Record<string, string> = {};
  for (const [index, line] of lines(form.env).entries()) {
    const equals = line.indexOf('=');
    if (equals <= 0) return { ok: false, message: `Environment line ${index + 1} is not KEY=VALUE: "${line}"` };
    env[line.slice(0, equals).trim()] = line.slice(equals + 1);
  }
  const resumeArgs = lines(form.resumeArgs);
  const parsed = CustomProfileSchema.safeParse({
    id,
    label: form.label,
    binary: form.binary,
    args: lines(form.args),
    promptArgs: lines(form.promptArgs),
    env,
    needsInputPatterns: lines(form.needsInputPatterns),
    resumeArgs: resumeArgs.length > 0 ? resumeArgs : null,
  });
  if (parsed.success) return { ok: true, profile: parsed.data };
  const message = parsed.error.issues
    .map((issue) => {
      const [field] = issue.path;
      return `${fieldNames[String(field)] ?? String(field ?? 'Profile')}: ${issue.message}`;
    })
    .join('\n');
  return { ok: false, message };
}

interface CustomProfileEditorProps {
  /** The stored profile to change, or null for a new one. */
  initial: CustomProfile | null;
  /** Ids already used by any profile: a new one gets an id made from its name that clashes with none. */
  takenIds: readonly string[];
  onSaved: () => void;
  onCancel: () => void;
}

/** Defines an agent the app does not know: which program, its arguments and what its questions look like. */
export function CustomProfileEditor({ initial, takenIds, onSaved, onCancel }: CustomProfileEditorProps) {
  const [form, setForm] = useState<CustomProfileForm>(
    initial ? formFromCustomProfile(initial) : emptyCustomProfileForm,
  );
  const [error, setError] = useState<WireError | null>(null);
  const [saving, setSaving] = useState(false);

  const set = (field: keyof CustomProfileForm) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const outcome = customProfileFromForm(form, initial?.id ?? customProfileIdFor(form.label, takenIds));
    if (!outcome.ok) {
      setError({ kind: 'invalid-request', message: outcome.message });
      return;
    }
    setSaving(true);
    setError(null);
    const result = await getSettingsRequests().saveCustomProfile(outcome.profile);
    setSaving(false);
    if (result.ok) onSaved();
    else setError(result.error);
  };

  return (
    <form
      className="form custom-profile-editor"
      data-testid="custom-profile-editor"
      onSubmit={(e) => void save(e)}
      noValidate
    >
      <h4 className="settings-subheading">{initial ? `Edit ${initial.label}` : 'New custom agent'}</h4>
      <div className="field-row">
        <TextField
          label="Name"
          testId="custom-profile-label-input"
          value={form.label}
          onChange={set('label')}
          autoFocus
        />
        <TextField
          label="Program"
          hint="A name on PATH or an absolute path; run directly, never through a shell."
          testId="custom-profile-binary-input"
          value={form.binary}
          onChange={set('binary')}
          mono
        />
      </div>
      <LinesField
        label="Arguments — one per line"
        hint="Always passed. Placeholders: {cwd} the worktree, {prompt} the prompt, {promptFile} a file holding it."
        testId="custom-profile-args-input"
        value={form.args}
        onChange={set('args')}
      />
      <LinesField
        label="Prompt arguments — one per line"
        hint="Passed after the arguments when there is a prompt. With no {prompt} or {promptFile} anywhere, the prompt is typed into the terminal."
        testId="custom-profile-prompt-args-input"
        value={form.promptArgs}
        onChange={set('promptArgs')}
      />
      <LinesField
        label="Environment — KEY=VALUE per line"
        testId="custom-profile-env-input"
        value={form.env}
        onChange={set('env')}
      />
      <LinesField
        label="Needs-input patterns — one regular expression per line"
        hint="Matched against the last lines on screen when the agent goes quiet. Blank: the usual y/n questions."
        testId="custom-profile-patterns-input"
        value={form.needsInputPatterns}
        onChange={set('needsInputPatterns')}
      />
      <LinesField
        label="Resume arguments — one per line"
        hint="Continue the agent's last session instead of starting with the prompt. Blank: resume starts it again."
        testId="custom-profile-resume-input"
        value={form.resumeArgs}
        onChange={set('resumeArgs')}
      />
      {error && (
        <p className="form-error" role="alert" data-testid="custom-profile-error" data-error-kind={error.kind}>
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        <button type="submit" className="button primary" data-testid="custom-profile-save-button" disabled={saving}>
          {saving ? 'Saving…' : 'Save agent'}
        </button>
      </div>
    </form>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
}

function TextField({
  label,
  hint,
  testId,
  value,
  onChange,
  mono,
  autoFocus,
}: FieldProps & { mono?: boolean; autoFocus?: boolean }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className={`text-input${mono ? ' mono' : ''}`}
        data-testid={testId}
        spellCheck={false}
        value={value}
        autoFocus={autoFocus}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}
