import type { AttemptAgent } from '../../shared/attempts';
import { maxAttempts } from '../../shared/attempts';
import type { RequestOf } from '../../shared/contract';
import type { AgentProfileInfo } from '../../shared/models';
import { getBridge } from '../transport/bridge';
import '../styles/attempts.css';

/** One attempt's agent as the form edits it: a command one argument per line, as the form's own field. */
export interface AttemptAgentDraft {
  profileId: string;
  commandText: string;
  scenario: string;
}

export interface AttemptsDraft {
  /** 1: an ordinary thread. */
  count: number;
  agents: AttemptAgentDraft[];
  benchmarkCommand: string;
}

export const singleAttempt: AttemptsDraft = { count: 1, agents: [], benchmarkCommand: '' };

function argvLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** The form's thread request turned into an attempt group of `draft.count` agents. */
export function attemptsRequest(
  thread: RequestOf<'threads.create'>,
  draft: AttemptsDraft,
  profiles: readonly AgentProfileInfo[],
): RequestOf<'attempts.create'> {
  const agents: AttemptAgent[] = draft.agents.slice(0, draft.count).map((agent) => {
    const profile = profiles.find((p) => p.id === agent.profileId);
    const sameAsForm = agent.profileId === thread.profileId;
    return {
      profileId: agent.profileId,
      ...(profile?.takesCommand ? { command: argvLines(agent.commandText) } : {}),
      ...(profile?.takesScenario ? { scenario: agent.scenario.trim() || 'feature' } : {}),
      // The form's mode and approval apply to the attempts of the form's own agent.
      ...(sameAsForm && thread.mode ? { mode: thread.mode } : {}),
      ...(sameAsForm && thread.approvalMode ? { approvalMode: thread.approvalMode } : {}),
    };
  });
  return {
    projectId: thread.projectId,
    name: thread.name,
    prompt: thread.prompt ?? '',
    agents,
    ...(thread.baseBranch ? { baseBranch: thread.baseBranch } : {}),
    ...(thread.brief ? { brief: thread.brief } : {}),
    ...(draft.benchmarkCommand.trim() ? { benchmarkCommand: draft.benchmarkCommand.trim() } : {}),
    ...(thread.cols ? { cols: thread.cols, rows: thread.rows } : {}),
  };
}

export function createAttemptGroup(
  thread: RequestOf<'threads.create'>,
  draft: AttemptsDraft,
  profiles: readonly AgentProfileInfo[],
) {
  return getBridge().invoke('attempts.create', attemptsRequest(thread, draft, profiles));
}

interface AttemptFieldsProps {
  value: AttemptsDraft;
  onChange(next: AttemptsDraft): void;
  profiles: readonly AgentProfileInfo[];
  /** The form's own agent: what each new attempt starts with. */
  base: AttemptAgentDraft;
}

/** The new-thread form's "Attempts": the same brief run by several agents side by side, each picked here. */
export function AttemptFields({ value, onChange, profiles, base }: AttemptFieldsProps) {
  const setCount = (count: number) => {
    const agents = [...value.agents];
    while (agents.length < count) agents.push({ ...base });
    onChange({ ...value, count, agents });
  };
  const setAgent = (index: number, patch: Partial<AttemptAgentDraft>) =>
    onChange({ ...value, agents: value.agents.map((a, i) => (i === index ? { ...a, ...patch } : a)) });

  return (
    <fieldset className="attempt-fields" data-testid="attempt-fields">
      <label className="field attempt-count">
        <span className="field-label">Attempts</span>
        <input
          type="number"
          className="text-input"
          data-testid="attempt-count-input"
          min={1}
          max={maxAttempts}
          value={value.count}
          onChange={(event) => setCount(Math.max(1, Math.min(maxAttempts, Number(event.target.value) || 1)))}
        />
        <span className="field-hint">
          1 is an ordinary thread; 2–{maxAttempts} run the same brief side by side, each in its own worktree, to compare
          and keep one.
        </span>
      </label>
      {value.count > 1 && (
        <>
          {value.agents.slice(0, value.count).map((agent, index) => {
            const profile = profiles.find((p) => p.id === agent.profileId);
            return (
              <div className="attempt-agent" key={index} data-testid="attempt-agent">
                <span className="field-label">Attempt {index + 1}</span>
                <select
                  className="select"
                  data-testid="attempt-profile-select"
                  aria-label={`Agent of attempt ${index + 1}`}
                  value={agent.profileId}
                  onChange={(event) => setAgent(index, { profileId: event.target.value })}
                >
                  {profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                      {p.installed ? '' : ' (not installed)'}
                    </option>
                  ))}
                </select>
                {profile?.takesCommand && (
                  <textarea
                    className="text-input mono"
                    data-testid="attempt-command-input"
                    aria-label={`Command of attempt ${index + 1}, one argument per line`}
                    rows={3}
                    value={agent.commandText}
                    onChange={(event) => setAgent(index, { commandText: event.target.value })}
                  />
                )}
                {profile?.takesScenario && (
                  <input
                    className="text-input mono"
                    data-testid="attempt-scenario-input"
                    aria-label={`Scenario of attempt ${index + 1}`}
                    value={agent.scenario}
                    onChange={(event) => setAgent(index, { scenario: event.target.value })}
                  />
                )}
              </div>
            );
          })}
          <label className="field">
            <span className="field-label">Benchmark command (optional)</span>
            <input
              className="text-input mono"
              data-testid="attempt-benchmark-input"
              placeholder="npm run bench"
              value={value.benchmarkCommand}
              onChange={(event) => onChange({ ...value, benchmarkCommand: event.target.value })}
            />
            <span className="field-hint">
              Run in each attempt by “Verify all”: the last number it prints, else its time, lower is better.
            </span>
          </label>
        </>
      )}
    </fieldset>
  );
}
