import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Brief, BriefTemplate } from '../../shared/brief';
import type { WireError } from '../../shared/errors';
import { getBriefActions } from './brief-actions';
import { useBriefTemplatesStore } from './brief-templates-store';
import { InlineError } from '../ui/inline-error';

interface BriefTemplatePickerProps {
  /** The brief as the form has it now, for "Save as template". */
  currentBrief(): Brief;
  /** A name to offer when saving (the task, else the thread name). */
  suggestedName: string;
  onApply(template: BriefTemplate): void;
}

/** Fill the brief from a saved template, save the current brief as one, or delete one. */
export function BriefTemplatePicker({ currentBrief, suggestedName, onApply }: BriefTemplatePickerProps) {
  const templates = useBriefTemplatesStore((state) => state.templates);
  const [chosenId, setChosenId] = useState('');
  const [savingName, setSavingName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    void getBriefActions()
      .loadTemplates()
      .then((result) => {
        if (!result.ok) setError(result.error);
      });
  }, []);

  const chosen = templates?.find((t) => t.id === chosenId) ?? null;

  const choose = (id: string) => {
    setChosenId(id);
    const template = templates?.find((t) => t.id === id);
    if (template) onApply(template);
  };

  const save = async () => {
    const name = (savingName ?? '').trim();
    if (!name) {
      setError({ kind: 'invalid-request', message: 'Give the template a name.' });
      return;
    }
    setBusy(true);
    const result = await getBriefActions().saveTemplate(name, currentBrief());
    setBusy(false);
    if (result.ok) {
      setSavingName(null);
      setChosenId(result.value.id);
      setError(null);
    } else {
      setError(result.error);
    }
  };

  const remove = async () => {
    if (!chosen) return;
    setBusy(true);
    const result = await getBriefActions().deleteTemplate(chosen.id);
    setBusy(false);
    if (result.ok) setChosenId('');
    setError(result.ok ? null : result.error);
  };

  // Enter here must save the template, not submit the thread form around it.
  const onNameKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setSavingName(null);
    }
  };

  return (
    <div className="field">
      <div className="field-row">
        <select
          className="select"
          data-testid="brief-template-select"
          aria-label="Brief template"
          value={chosenId}
          disabled={busy || !templates || templates.length === 0}
          onChange={(event) => choose(event.target.value)}
        >
          <option value="">
            {templates === null
              ? 'Loading templates…'
              : templates.length
                ? 'Fill from a template…'
                : 'No saved templates'}
          </option>
          {templates?.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name}
            </option>
          ))}
        </select>
        {chosen && (
          <button
            type="button"
            className="button small"
            data-testid="brief-template-delete"
            disabled={busy}
            onClick={() => void remove()}
          >
            Delete template
          </button>
        )}
        {savingName === null && (
          <button
            type="button"
            className="button small"
            data-testid="brief-save-template"
            disabled={busy}
            onClick={() => {
              setError(null);
              setSavingName(chosen?.name ?? suggestedName);
            }}
          >
            Save as template
          </button>
        )}
      </div>
      {savingName !== null && (
        <div className="field-row">
          <input
            className="text-input"
            data-testid="brief-template-name-input"
            aria-label="Template name"
            maxLength={120}
            autoFocus
            placeholder="Template name"
            value={savingName}
            onChange={(event) => setSavingName(event.target.value)}
            onKeyDown={onNameKey}
          />
          <button
            type="button"
            className="button small primary"
            data-testid="brief-template-save-confirm"
            disabled={busy}
            onClick={() => void save()}
          >
            Save
          </button>
          <button type="button" className="button small" disabled={busy} onClick={() => setSavingName(null)}>
            Cancel
          </button>
        </div>
      )}
      <span className="field-hint">A template with the same name is replaced. Dependencies are not saved.</span>
      <InlineError error={error} testId="brief-template-error" />
    </div>
  );
}
