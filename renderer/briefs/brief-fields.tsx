import { integrationRisks, defaultChangelogPath } from '../../shared/brief';
import type { Thread } from '../../shared/models';
import { type BriefDraft, effectiveTask } from './brief-draft';
import { LinesField } from '../ui/lines-field';

interface BriefFieldsProps {
  draft: BriefDraft;
  onChange(patch: Partial<BriefDraft>): void;
  /** The thread name, which the task follows until edited. */
  threadName: string;
  /** Threads of the same project this one may build on. */
  otherThreads: readonly Thread[];
}

const riskLabels: Record<BriefDraft['integrationRisk'], string> = {
  low: 'Low — self-contained',
  medium: 'Medium — touches shared code',
  high: 'High — likely to conflict',
};

/** The brief's fields in the new-thread form; every one is optional. */
export function BriefFields({ draft, onChange, threadName, otherThreads }: BriefFieldsProps) {
  const listField = (
    label: string,
    testId: string,
    key: 'ownedPaths' | 'readablePaths' | 'forbiddenPaths',
    placeholder: string,
  ) => (
    <LinesField
      label={label}
      testId={testId}
      placeholder={placeholder}
      value={draft[key]}
      onChange={(value) => onChange({ [key]: value })}
    />
  );

  return (
    <>
      <label className="field">
        <span className="field-label">Task</span>
        <input
          className="text-input"
          data-testid="brief-task-input"
          maxLength={2000}
          placeholder="One line: what the agent is to do"
          value={effectiveTask(draft, threadName)}
          // Clearing the field hands it back to following the thread name.
          onChange={(event) => onChange({ task: event.target.value, taskEdited: event.target.value !== '' })}
        />
      </label>

      <label className="field">
        <span className="field-label">Goal</span>
        <textarea
          className="text-input"
          data-testid="brief-goal-input"
          rows={3}
          placeholder="What done looks like"
          value={draft.goal}
          onChange={(event) => onChange({ goal: event.target.value })}
        />
      </label>

      <div className="field-row">
        {listField('Owns (may change)', 'brief-owned-input', 'ownedPaths', 'src/billing/**')}
        {listField('May read', 'brief-readable-input', 'readablePaths', 'src/shared/**')}
        {listField('Must not edit', 'brief-forbidden-input', 'forbiddenPaths', 'package.json')}
      </div>
      <span className="field-hint">Paths are globs, one per line.</span>

      <LinesField
        label="Acceptance criteria — one per line"
        testId="brief-criteria-input"
        mono={false}
        placeholder="Invoices show the tax line"
        value={draft.acceptanceCriteria}
        onChange={(value) => onChange({ acceptanceCriteria: value })}
      />
      <LinesField
        label="Verification commands — one per line, run in the worktree"
        testId="brief-verify-input"
        rows={2}
        placeholder="npm test"
        value={draft.verificationCommands}
        onChange={(value) => onChange({ verificationCommands: value })}
      />

      <div className="field-row">
        <label className="field">
          <span className="field-label">Changelog fragment</span>
          <input
            className="text-input mono"
            data-testid="brief-changelog-input"
            spellCheck={false}
            maxLength={500}
            placeholder={defaultChangelogPath(threadName)}
            value={draft.changelogPath}
            onChange={(event) => onChange({ changelogPath: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Integration risk</span>
          <select
            className="select"
            data-testid="brief-risk-select"
            value={draft.integrationRisk}
            onChange={(event) =>
              onChange({ integrationRisk: integrationRisks.find((risk) => risk === event.target.value) ?? 'low' })
            }
          >
            {integrationRisks.map((risk) => (
              <option key={risk} value={risk}>
                {riskLabels[risk]}
              </option>
            ))}
          </select>
        </label>
      </div>

      <label className="field">
        <span className="field-label">Depends on</span>
        <select
          className="select"
          data-testid="brief-depends-select"
          multiple
          size={Math.min(Math.max(otherThreads.length, 2), 5)}
          disabled={otherThreads.length === 0}
          value={[...draft.dependsOn]}
          onChange={(event) =>
            onChange({ dependsOn: Array.from(event.target.selectedOptions, (option) => option.value) })
          }
        >
          {otherThreads.map((thread) => (
            <option key={thread.id} value={thread.id}>
              {thread.name} — {thread.branch}
            </option>
          ))}
        </select>
        <span className="field-hint">
          {otherThreads.length === 0
            ? 'No other threads in this project to build on.'
            : 'Threads whose work this one builds on (Ctrl/⌘-click to pick several).'}
        </span>
      </label>
    </>
  );
}
