import { useEffect, useState } from 'react';
import type { PlanCheckResultView } from '../../shared/contract/plans';
import { useProfilesStore } from '../state/profiles-store';
import {
  agentSettingOf,
  agentSettingText,
  type DraftPlan,
  type DraftTask,
  listFrom,
  rowIssues,
  taskProfile,
  withAgentSetting,
} from './plan-draft';

/** A comma-separated list, kept as typed until the field is left (so a trailing comma survives typing). */
function ListInput({
  value,
  onChange,
  label,
  testId,
}: {
  value: readonly string[];
  onChange: (v: string[]) => void;
  label: string;
  testId?: string;
}) {
  const joined = value.join(', ');
  const [text, setText] = useState(joined);
  useEffect(() => setText(joined), [joined]);
  return (
    <input
      className="input small"
      aria-label={label}
      data-testid={testId}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() => onChange(listFrom(text))}
      onKeyDown={(event) => event.key === 'Enter' && onChange(listFrom(text))}
    />
  );
}

/** Under a row's agent: the demo agent's scenario or a custom profile's command, kept as typed. */
function AgentSetting({
  task,
  setting,
  onChange,
}: {
  task: DraftTask;
  setting: 'scenario' | 'command' | null;
  onChange: (task: DraftTask) => void;
}) {
  if (!setting) return null;
  return (
    <input
      className="input small plan-agent-setting"
      aria-label={setting === 'scenario' ? `Scenario of ${task.name}` : `Command of ${task.name}`}
      data-testid={`plan-task-${setting}-${task.name}`}
      placeholder={setting === 'scenario' ? 'scenario (name or file)' : 'command, e.g. ./fix.sh --all'}
      value={agentSettingText(task, setting)}
      onChange={(event) => onChange(withAgentSetting(task, setting, event.target.value))}
    />
  );
}

/** The plan as a table of briefs: its own fields above, one row per task with what the check says of it. */
export function PlanTable({
  plan,
  check,
  onChange,
}: {
  plan: DraftPlan;
  check: PlanCheckResultView | null;
  onChange: (plan: DraftPlan) => void;
}) {
  const profiles = useProfilesStore((state) => state.profiles);
  const setTask = (index: number, change: (task: DraftTask) => DraftTask) =>
    onChange({ ...plan, tasks: plan.tasks.map((t, i) => (i === index ? change(t) : t)) });
  const profileIds = profiles.map((p) => p.id);
  const settingOf = (task: DraftTask) => {
    const profile = taskProfile(plan, task);
    return agentSettingOf(profile, profiles.find((p) => p.id === profile)?.takesCommand === true);
  };

  return (
    <div className="plan-table">
      <div className="plan-fields">
        <label>
          Base{' '}
          <input
            className="input small"
            value={plan.base ?? ''}
            onChange={(e) => onChange({ ...plan, base: e.target.value })}
          />
        </label>
        <label>
          Target{' '}
          <input
            className="input small"
            value={plan.target ?? ''}
            placeholder={plan.base}
            onChange={(e) => {
              const { target: _old, ...rest } = plan;
              onChange(e.target.value ? { ...rest, target: e.target.value } : (rest as DraftPlan));
            }}
          />
        </label>
        <label>
          At once{' '}
          <input
            className="input small"
            type="number"
            min={1}
            max={16}
            value={plan.maxParallel ?? 3}
            onChange={(e) => onChange({ ...plan, maxParallel: Number(e.target.value) })}
          />
        </label>
        <label>
          Agent{' '}
          <select
            className="select small"
            value={plan.agent.profile}
            onChange={(e) => onChange({ ...plan, agent: { profile: e.target.value } })}
          >
            {[...new Set([plan.agent.profile, ...profileIds])].map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={plan.agent.planFirst === true}
            onChange={(e) => onChange({ ...plan, agent: { ...plan.agent, planFirst: e.target.checked || undefined } })}
          />{' '}
          Plan first
        </label>
        <label title="Land each verified task without waiting for its review's approval">
          <input
            type="checkbox"
            checked={plan.autoLand === true}
            onChange={(e) => onChange({ ...plan, autoLand: e.target.checked })}
          />{' '}
          Land without review
        </label>
        <label>
          Verify after each landing{' '}
          <input
            className="input small"
            value={typeof plan.verify === 'string' ? plan.verify : (plan.verify ?? []).join(' ')}
            placeholder="npm test"
            onChange={(e) => {
              const { verify: _old, ...rest } = plan;
              onChange(e.target.value ? { ...rest, verify: e.target.value } : (rest as DraftPlan));
            }}
          />
        </label>
      </div>
      <table className="plan-tasks" data-testid="plan-tasks">
        <thead>
          <tr>
            <th>Name</th>
            <th>Task</th>
            <th>Owned paths</th>
            <th>Depends on</th>
            <th>Agent</th>
            <th>Plan first</th>
            <th>Verification</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plan.tasks.map((task, index) => {
            const issues = rowIssues(check, index, task.name);
            return [
              <tr
                key={`row-${index}`}
                data-testid={`plan-task-${index}`}
                className={issues.some((i) => i.level === 'error') ? 'has-error' : issues.length ? 'has-warning' : ''}
              >
                <td>
                  <input
                    className="input small"
                    aria-label="Name"
                    value={task.name}
                    onChange={(e) => setTask(index, (t) => ({ ...t, name: e.target.value }))}
                  />
                </td>
                <td>
                  <textarea
                    className="input"
                    aria-label="Task"
                    rows={2}
                    value={task.brief?.task ?? ''}
                    onChange={(e) => setTask(index, (t) => ({ ...t, brief: { ...t.brief, task: e.target.value } }))}
                  />
                </td>
                <td>
                  <ListInput
                    label="Owned paths"
                    value={task.brief?.ownedPaths ?? []}
                    onChange={(v) => setTask(index, (t) => ({ ...t, brief: { ...t.brief, ownedPaths: v } }))}
                  />
                </td>
                <td>
                  <ListInput
                    label="Depends on"
                    value={task.dependsOn ?? []}
                    onChange={(v) => setTask(index, (t) => ({ ...t, dependsOn: v }))}
                  />
                </td>
                <td>
                  <select
                    className="select small"
                    aria-label="Agent"
                    value={task.agent?.profile ?? ''}
                    onChange={(e) =>
                      setTask(index, (t) => {
                        const { agent: _old, ...rest } = t;
                        return e.target.value
                          ? { ...rest, agent: { ...t.agent, profile: e.target.value } }
                          : (rest as DraftTask);
                      })
                    }
                  >
                    <option value="">as the plan</option>
                    {profileIds.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                  <AgentSetting task={task} onChange={(next) => setTask(index, () => next)} setting={settingOf(task)} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label="Plan first"
                    checked={task.agent?.planFirst === true}
                    onChange={(e) =>
                      setTask(index, (t) => ({ ...t, agent: { ...t.agent, planFirst: e.target.checked || undefined } }))
                    }
                  />
                </td>
                <td>
                  <ListInput
                    label="Verification commands"
                    value={task.brief?.verificationCommands ?? []}
                    onChange={(v) => setTask(index, (t) => ({ ...t, brief: { ...t.brief, verificationCommands: v } }))}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Remove ${task.name}`}
                    onClick={() => onChange({ ...plan, tasks: plan.tasks.filter((_, i) => i !== index) })}
                  >
                    ✕
                  </button>
                </td>
              </tr>,
              issues.length > 0 && (
                <tr key={`issues-${index}`} className="plan-row-issues" data-testid={`plan-task-issues-${task.name}`}>
                  <td colSpan={8}>
                    {issues.map((issue, i) => (
                      <p key={i} className={`plan-issue ${issue.level}`} data-level={issue.level}>
                        {issue.level === 'error' ? 'Error' : 'Warning'}: {issue.message}
                      </p>
                    ))}
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="button small"
        onClick={() =>
          onChange({
            ...plan,
            tasks: [
              ...plan.tasks,
              { name: `task-${plan.tasks.length + 1}`, brief: { task: '', ownedPaths: [] }, dependsOn: [] },
            ],
          })
        }
      >
        + Task
      </button>
    </div>
  );
}
