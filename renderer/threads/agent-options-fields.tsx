import type { AgentProfileInfo } from '../../shared/models';
import '../styles/settings.css';

export type AgentRunMode = AgentProfileInfo['modes'][number];

export interface AgentOptions {
  mode: AgentRunMode;
  approvalMode: string;
}

const modeLabels: Record<AgentRunMode, string> = {
  interactive: 'Interactive — a live session you can steer',
  headless: 'Headless — one run with the prompt, then it exits',
};

/** The safe start for a profile: a live session, and its first approval mode (never a bypass). */
export function defaultAgentOptions(profile: AgentProfileInfo | null): AgentOptions {
  return { mode: 'interactive', approvalMode: profile?.approvalModes[0]?.id ?? 'default' };
}

/**
 * `value` made valid for `profile`: after switching tools, a mode or approval mode the new one
 * lacks falls back to its safe default instead of being sent and refused.
 */
export function agentOptionsFor(profile: AgentProfileInfo, value: AgentOptions): AgentOptions {
  const fallback = defaultAgentOptions(profile);
  return {
    mode: profile.modes.includes(value.mode) ? value.mode : fallback.mode,
    approvalMode: profile.approvalModes.some((m) => m.id === value.approvalMode)
      ? value.approvalMode
      : fallback.approvalMode,
  };
}

interface AgentOptionsFieldsProps {
  profile: AgentProfileInfo;
  value: AgentOptions;
  onChange: (value: AgentOptions) => void;
}

/** How the chosen agent runs: interactive or headless (where the tool has both), and what it may do unasked. */
export function AgentOptionsFields({ profile, value, onChange }: AgentOptionsFieldsProps) {
  const current = agentOptionsFor(profile, value);
  const chosenApproval = profile.approvalModes.find((m) => m.id === current.approvalMode);
  const offersBothModes = profile.modes.includes('interactive') && profile.modes.includes('headless');

  return (
    <div className="agent-options">
      <div className="field-row">
        {offersBothModes && (
          <label className="field">
            <span className="field-label">Mode</span>
            <select
              className="select"
              data-testid="thread-mode-select"
              value={current.mode}
              onChange={(event) => onChange({ ...current, mode: event.target.value as AgentRunMode })}
            >
              {profile.modes.map((mode) => (
                <option key={mode} value={mode}>
                  {modeLabels[mode]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field-label">Approvals</span>
          <select
            className={`select${chosenApproval?.bypass ? ' select-danger' : ''}`}
            data-testid="thread-approval-select"
            value={current.approvalMode}
            // One choice is no choice: shown so the user knows what the tool will do.
            disabled={profile.approvalModes.length < 2}
            onChange={(event) => onChange({ ...current, approvalMode: event.target.value })}
          >
            {profile.approvalModes.map((mode) => (
              <option key={mode.id} value={mode.id}>
                {mode.label}
                {mode.bypass ? ' (no questions asked)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {chosenApproval?.bypass && (
        <p className="bypass-warning" role="alert" data-testid="thread-bypass-warning">
          <strong>{chosenApproval.label}:</strong> this agent will act without asking you — it changes files and runs
          commands on this machine unchecked.
        </p>
      )}
    </div>
  );
}
