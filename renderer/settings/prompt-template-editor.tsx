import { useEffect, useState } from 'react';
import type { BriefInput } from '../../shared/brief';
import type { ResponseOf } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { Project } from '../../shared/models';
import { getBriefActions } from '../briefs/brief-actions';
import { useRenderedPrompt } from '../briefs/brief-preview';
import { InlineError } from '../ui/inline-error';
import { Modal } from '../ui/modal';

type TemplateDefaults = ResponseOf<'briefs.promptTemplate.default'>;

/** A made-up brief, so the preview shows what each part of the template turns into. */
const sampleBrief: BriefInput = {
  task: 'Add a dark mode toggle to the settings page',
  goal: 'Users can switch between light and dark themes, and the choice survives a restart.',
  ownedPaths: ['src/settings/**', 'src/theme/**'],
  readablePaths: ['src/app/**'],
  forbiddenPaths: ['package.json'],
  acceptanceCriteria: ['The toggle is reachable by keyboard', 'No colours are hard-coded outside src/theme'],
  verificationCommands: ['npm test', 'npm run lint'],
  integrationRisk: 'medium',
};

/**
 * Edits the template that turns a project's briefs into the agent's first prompt, with a live
 * preview on a sample brief. Saving the built-in text unchanged keeps the project on the built-in
 * template, so later improvements to it still apply.
 */
export function PromptTemplateEditor({ project, onClose }: { project: Project; onClose(): void }) {
  const [defaults, setDefaults] = useState<TemplateDefaults | null>(null);
  // Null until the built-in template has loaded, for a project that has none of its own.
  const [draft, setDraft] = useState<string | null>(project.promptTemplate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    void getBriefActions()
      .defaultPromptTemplate()
      .then((result) => {
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setDefaults(result.value);
        setDraft((current) => current ?? result.value.template);
      });
  }, []);

  const preview = useRenderedPrompt(
    draft === null
      ? null
      : {
          projectId: project.id,
          name: 'Dark mode',
          prompt: 'Keep the change small.',
          brief: sampleBrief,
          template: draft,
        },
  );
  const isBuiltIn = defaults !== null && draft === defaults.template;

  const save = async () => {
    if (draft === null) return;
    setBusy(true);
    const result = await getBriefActions().setPromptTemplate(project.id, isBuiltIn ? null : draft);
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  return (
    <Modal
      title={`Prompt template — ${project.name}`}
      testId="prompt-template-dialog"
      onClose={busy ? undefined : onClose}
      wide
    >
      <div className="form">
        <p className="field-hint">
          A thread created with a brief starts its agent with this template filled in. Names in double braces come from
          the brief; <span className="mono">{'{{#list}}…{{/list}}'}</span> repeats for each entry and{' '}
          <span className="mono">{'{{^list}}…{{/list}}'}</span> shows when it is empty.{' '}
          {isBuiltIn ? 'This is the built-in template.' : 'This project has its own template.'}
        </p>

        <label className="field">
          <span className="field-label">Template</span>
          <textarea
            className="text-input mono"
            data-testid="prompt-template-input"
            data-autofocus
            rows={16}
            spellCheck={false}
            disabled={draft === null}
            value={draft ?? 'Loading…'}
            onChange={(event) => setDraft(event.target.value)}
          />
        </label>

        {defaults && (
          <details data-testid="prompt-template-names">
            <summary className="field-label">Names you can use</summary>
            <ul className="plain-list">
              {defaults.variables.map((variable) => (
                <li key={variable.name}>
                  <span className="mono">
                    {variable.list ? `{{#${variable.name}}}…{{/${variable.name}}}` : `{{${variable.name}}}`}
                  </span>{' '}
                  <span className="muted">{variable.description}</span>
                </li>
              ))}
            </ul>
          </details>
        )}

        <label className="field">
          <span className="field-label">Preview with a sample brief</span>
          {preview.error ? (
            <InlineError error={preview.error} testId="prompt-template-problem" />
          ) : (
            <textarea
              className="text-input mono"
              data-testid="prompt-template-preview"
              readOnly
              rows={10}
              value={preview.prompt ?? 'Rendering…'}
            />
          )}
        </label>

        <InlineError error={error} testId="prompt-template-error" />

        <div className="form-actions">
          <button
            type="button"
            className="button"
            data-testid="prompt-template-reset"
            disabled={busy || defaults === null || isBuiltIn}
            onClick={() => defaults && setDraft(defaults.template)}
          >
            Reset to default
          </button>
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="prompt-template-save"
            disabled={busy || draft === null || preview.error !== null}
            onClick={() => void save()}
          >
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** A button that opens the project's prompt template editor; the editor lives and dies with it. */
export function PromptTemplateButton({ project }: { project: Project }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button small"
        data-testid="prompt-template-open"
        title="Edit the template that turns a brief into the agent's first prompt"
        onClick={() => setOpen(true)}
      >
        Prompt template
      </button>
      {open && <PromptTemplateEditor key={project.id} project={project} onClose={() => setOpen(false)} />}
    </>
  );
}
