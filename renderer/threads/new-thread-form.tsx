import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isPathInsideWorktree, type BriefTemplate } from '../../shared/brief';
import type { RequestOf } from '../../shared/contract';
import type { ErrorKind, WireError } from '../../shared/errors';
import { suggestBranchName } from '../../shared/branch-name';
import { getActions } from '../state/actions';
import {
  type BriefDraft,
  briefDraftHasContent,
  briefFromDraft,
  draftFromBrief,
  effectiveTask,
  emptyBriefDraft,
} from '../briefs/brief-draft';
import { useTakeNewThreadPrefill } from './new-thread-prefill-store';
import { defaultProfileId, useProfilesStore } from '../state/profiles-store';
import { useTerminalSizeStore } from '../state/terminal-size-store';
import { threadsOfProject, useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { AgentOptionsFields, agentOptionsFor, defaultAgentOptions } from './agent-options-fields';
import { BriefFields } from '../briefs/brief-fields';
import { LinesField } from '../ui/lines-field';
import { BriefPromptPreview } from '../briefs/brief-prompt-preview';
import { BriefTemplatePicker } from '../briefs/brief-template-picker';
import { fieldErrorProps } from '../ui/field-error';
import { Modal } from '../ui/modal';
import { AttemptFields, createAttemptGroup, singleAttempt } from '../attempts/attempt-fields';

const defaultScenario = 'feature';

interface BranchList {
  current: string | null;
  branches: string[];
}

/** One argument per line; blank lines are ignored (an empty argument is almost never meant). */
export function parseCommandLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** The fields an error can be about: it is shown under that field, which takes focus. */
type FormField = 'branch' | 'base' | 'profile' | 'name' | 'command';

/** Which field a server error is about; others are shown for the whole form. */
const fieldForError: Partial<Record<ErrorKind, FormField>> = {
  'invalid-branch-name': 'branch',
  'branch-exists': 'branch',
  'worktree-exists': 'branch',
  'base-not-found': 'base',
  'no-commits': 'base',
  'agent-missing': 'profile',
};

export function NewThreadForm({ projectId }: { projectId: string }) {
  const profiles = useProfilesStore((state) => state.profiles);
  const threadsById = useThreadsStore((state) => state.byId);
  const closeDialog = useUiStore((state) => state.closeDialog);
  const setTab = useUiStore((state) => state.setTab);
  const focusTerminal = useUiStore((state) => state.focusTerminal);
  // Set when the form opens from "Duplicate" on an existing thread.
  const prefill = useTakeNewThreadPrefill(projectId);

  const [name, setName] = useState(prefill?.name ?? '');
  const [branch, setBranch] = useState('');
  const [branchEdited, setBranchEdited] = useState(false);
  const [baseBranch, setBaseBranch] = useState(prefill?.baseBranch ?? '');
  const [branchList, setBranchList] = useState<BranchList | null>(null);
  const [branchListError, setBranchListError] = useState<WireError | null>(null);
  const [chosenProfileId, setChosenProfileId] = useState<string | null>(prefill?.profileId ?? null);
  const [commandText, setCommandText] = useState(prefill?.command?.join('\n') ?? '');
  const [scenario, setScenario] = useState(prefill?.scenario ?? defaultScenario);
  const [agentOptions, setAgentOptions] = useState(defaultAgentOptions(null));
  const [prompt, setPrompt] = useState(prefill?.prompt ?? '');
  const [briefDraft, setBriefDraft] = useState<BriefDraft>(prefill?.brief ?? emptyBriefDraft);
  const [attempts, setAttempts] = useState(singleAttempt);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [errorField, setErrorField] = useState<FormField | null>(null);
  const errorId = useId();

  const nameRef = useRef<HTMLInputElement>(null);
  const branchRef = useRef<HTMLInputElement>(null);
  const baseRef = useRef<HTMLSelectElement>(null);
  const profileRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    let cancelled = false;
    const actions = getActions();
    void actions.branches(projectId).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setBranchList(result.value);
        setBaseBranch((chosen) => chosen || result.value.current || result.value.branches[0] || '');
      } else {
        setBranchListError(result.error);
      }
    });
    // Install state may have changed since start-up (the dispatcher just installed an agent).
    void actions.refreshProfiles();
    return () => {
      cancelled = true;
    };
  }, [projectId]);

  const profileId = chosenProfileId ?? defaultProfileId(profiles);
  const profile = profiles.find((p) => p.id === profileId) ?? null;
  // Follows the name until the dispatcher types their own branch name.
  const effectiveBranch = branchEdited ? branch : name.trim() ? suggestBranchName(name) : '';

  const otherThreads = useMemo(() => threadsOfProject(threadsById, projectId), [threadsById, projectId]);
  const updateBrief = (patch: Partial<BriefDraft>) => setBriefDraft((draft) => ({ ...draft, ...patch }));
  const currentBrief = () => {
    const brief = briefFromDraft(briefDraft, name);
    // A thread removed since it was picked (or since the duplicated brief was written) is dropped.
    return { ...brief, dependsOn: brief.dependsOn.filter((id) => otherThreads.some((t) => t.id === id)) };
  };
  const hasBrief = briefDraftHasContent(briefDraft);
  const previewRequest: RequestOf<'briefs.preview'> | null = hasBrief
    ? {
        projectId,
        name: name.trim(),
        prompt,
        brief: currentBrief(),
        ...(baseBranch ? { baseBranch } : {}),
        ...(effectiveBranch.trim() ? { branch: effectiveBranch.trim() } : {}),
      }
    : null;

  const applyTemplate = (template: BriefTemplate) => {
    // Templates carry no dependencies; the ones picked for this thread stay.
    setBriefDraft((draft) => ({ ...draftFromBrief(template.brief), dependsOn: draft.dependsOn }));
  };

  const showError = (shown: WireError, field: FormField | null) => {
    setError(shown);
    setErrorField(field);
    if (field === null) return;
    if (field === 'command') {
      document.querySelector<HTMLElement>('[data-testid="thread-command-input"]')?.focus();
      return;
    }
    ({ branch: branchRef, base: baseRef, profile: profileRef, name: nameRef })[field].current?.focus();
  };
  /** Editing the field an error is about clears it: the dispatcher is fixing it. */
  const edited = (...fields: FormField[]) => {
    if (error && errorField !== null && fields.includes(errorField)) setError(null);
  };
  const errorFor = (field: FormField) => (error && errorField === field ? error : null);
  const invalidIf = (field: FormField) => fieldErrorProps(errorId, errorFor(field));
  const errorUnder = (field: FormField) => {
    const shown = errorFor(field);
    return shown ? (
      <span
        id={errorId}
        className="inline-error"
        role="alert"
        data-testid="thread-form-error"
        data-error-kind={shown.kind}
      >
        {shown.message}
      </span>
    ) : null;
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    const local = validate();
    if (local) {
      showError(local.error, local.field);
      return;
    }
    const size = useTerminalSizeStore.getState().size;
    const request: RequestOf<'threads.create'> = {
      projectId,
      name: name.trim(),
      profileId,
      prompt,
      ...(baseBranch ? { baseBranch } : {}),
      ...(effectiveBranch.trim() ? { branch: effectiveBranch.trim() } : {}),
      ...(profile?.takesCommand ? { command: parseCommandLines(commandText) } : {}),
      ...(profile?.takesScenario ? { scenario: scenario.trim() || defaultScenario } : {}),
      // Only what the chosen tool offers; anything else falls back to its safe default.
      ...(profile ? agentOptionsFor(profile, agentOptions) : {}),
      ...(hasBrief ? { brief: currentBrief() } : {}),
      ...(size ? { cols: size.cols, rows: size.rows } : {}),
    };
    setSubmitting(true);
    setError(null);
    const result =
      attempts.count > 1
        ? await createAttemptGroup(request, attempts, profiles)
        : await getActions().createThread(request);
    setSubmitting(false);
    if (result.ok) {
      closeDialog();
      setTab('terminal');
      focusTerminal();
    } else {
      // The form stays filled so the dispatcher can fix just the offending field.
      showError(result.error, fieldForError[result.error.kind] ?? null);
    }
  };

  const validate = (): { error: WireError; field: FormField | null } | null => {
    if (!name.trim()) return { error: { kind: 'invalid-request', message: 'Give the thread a name.' }, field: 'name' };
    if (!profileId) {
      return { error: { kind: 'agent-missing', message: 'No agent profiles are available.' }, field: 'profile' };
    }
    if (profile?.takesCommand && parseCommandLines(commandText).length === 0) {
      return {
        error: { kind: 'invalid-request', message: 'Enter the command to run, one argument per line.' },
        field: 'command',
      };
    }
    const changelogPath = briefDraft.changelogPath.trim();
    if (changelogPath && !isPathInsideWorktree(changelogPath)) {
      return {
        error: {
          kind: 'invalid-request',
          message: `The changelog fragment "${changelogPath}" must be a relative path inside the worktree, such as .changes/my-thread.md.`,
        },
        field: null,
      };
    }
    return null;
  };

  const submitOnModEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const baseOptions = branchList?.branches ?? [];

  return (
    <Modal title="New thread" testId="new-thread-dialog" onClose={submitting ? undefined : closeDialog} wide>
      <form className="form" data-testid="new-thread-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            ref={nameRef}
            className="text-input"
            data-testid="thread-name-input"
            data-autofocus
            placeholder="Fix the flaky login test"
            maxLength={120}
            value={name}
            {...invalidIf('name')}
            onChange={(event) => {
              setName(event.target.value);
              // The suggested branch follows the name, so a branch error goes with it.
              edited('name', ...(branchEdited ? [] : (['branch'] as const)));
            }}
          />
          {errorUnder('name')}
        </label>

        <div className="field-row">
          <label className="field">
            <span className="field-label">Base branch</span>
            <select
              ref={baseRef}
              className="select mono"
              data-testid="thread-base-select"
              value={baseBranch}
              disabled={branchList === null && branchListError === null}
              {...invalidIf('base')}
              onChange={(event) => {
                setBaseBranch(event.target.value);
                edited('base');
              }}
            >
              {branchList === null && <option value="">{branchListError ? '(current branch)' : 'Loading…'}</option>}
              {baseOptions.map((b) => (
                <option key={b} value={b}>
                  {b}
                  {b === branchList?.current ? ' (current)' : ''}
                </option>
              ))}
            </select>
            {branchListError && (
              <span className="field-hint warning">Could not list branches: {branchListError.message}</span>
            )}
            {errorUnder('base')}
          </label>

          <label className="field">
            <span className="field-label">New branch</span>
            <input
              ref={branchRef}
              className="text-input mono"
              data-testid="thread-branch-input"
              placeholder="switchyard/…"
              spellCheck={false}
              maxLength={255}
              value={effectiveBranch}
              {...invalidIf('branch')}
              onChange={(event) => {
                setBranch(event.target.value);
                // Clearing the field hands it back to the automatic suggestion.
                setBranchEdited(event.target.value !== '');
                edited('branch');
              }}
            />
            {errorUnder('branch')}
          </label>
        </div>

        <label className="field">
          <span className="field-label">Agent</span>
          <select
            ref={profileRef}
            className="select"
            data-testid="thread-profile-select"
            value={profileId}
            {...invalidIf('profile')}
            onChange={(event) => {
              setChosenProfileId(event.target.value);
              edited('profile', 'command');
            }}
          >
            {profiles.length === 0 && <option value="">Loading…</option>}
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
                {p.installed ? (p.version ? ` ${p.version}` : '') : ' (not installed)'}
              </option>
            ))}
          </select>
          {profile && !profile.installed && (
            <span className="field-hint warning" data-testid="thread-profile-hint">
              {profile.binary} was not found.{profile.installHint ? ` ${profile.installHint}` : ''}
            </span>
          )}
          {errorUnder('profile')}
        </label>

        {profile && <AgentOptionsFields profile={profile} value={agentOptions} onChange={setAgentOptions} />}

        {profile?.takesCommand && (
          <LinesField
            label="Command — one argument per line"
            hint="Run directly in the worktree, never through a shell."
            testId="thread-command-input"
            rows={4}
            placeholder={'my-agent\n--flag\nvalue with spaces'}
            value={commandText}
            onChange={(text) => {
              setCommandText(text);
              // A missing agent binary is named by the command: fixing it clears the error too.
              edited('command', 'profile');
            }}
            error={errorUnder('command')}
            errorId={errorId}
          />
        )}

        {profile?.takesScenario && (
          <label className="field">
            <span className="field-label">Scenario</span>
            <input
              className="text-input mono"
              data-testid="thread-scenario-input"
              spellCheck={false}
              value={scenario}
              onChange={(event) => setScenario(event.target.value)}
            />
          </label>
        )}

        <AttemptFields
          value={attempts}
          onChange={setAttempts}
          profiles={profiles}
          base={{ profileId, commandText, scenario }}
        />

        <label className="field">
          <span className="field-label">Prompt</span>
          <textarea
            className="text-input"
            data-testid="thread-prompt-input"
            rows={6}
            placeholder="What should the agent do?"
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            onKeyDown={submitOnModEnter}
          />
          {hasBrief && (
            <span className="field-hint">With a brief, this goes into the prompt as notes from the dispatcher.</span>
          )}
        </label>

        <details className="brief-section" data-testid="brief-section" open>
          <summary className="field-label">Brief (optional)</summary>
          <div className="form">
            <BriefTemplatePicker
              currentBrief={currentBrief}
              suggestedName={effectiveTask(briefDraft, name).trim()}
              onApply={applyTemplate}
            />
            <BriefFields draft={briefDraft} onChange={updateBrief} threadName={name} otherThreads={otherThreads} />
          </div>
        </details>

        <BriefPromptPreview request={previewRequest} plainPrompt={prompt} />

        {error && errorField === null && (
          <p className="form-error" role="alert" data-testid="thread-form-error" data-error-kind={error.kind}>
            {error.message}
          </p>
        )}

        <div className="form-actions">
          <button type="button" className="button" onClick={closeDialog} disabled={submitting}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="thread-create-button" disabled={submitting}>
            {submitting ? 'Creating…' : 'Create thread'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
