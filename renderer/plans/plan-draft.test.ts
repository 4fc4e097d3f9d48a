import { describe, expect, it } from 'vitest';
import type { PlanCheckResultView } from '../../shared/contract/plans';
import {
  agentSettingOf,
  agentSettingText,
  listFrom,
  parseDraft,
  planIssues,
  rowIssues,
  taskProfile,
  withAgentSetting,
} from './plan-draft';

const check: PlanCheckResultView = {
  ok: false,
  errors: [
    { path: 'tasks[1].dependsOn', message: 'depends on "nope", which is not a task of this plan' },
    { path: 'tasks[10].name', message: 'not this row' },
    { path: 'base', message: 'the base branch "mian" does not exist' },
  ],
  warnings: [
    { kind: 'overlap', tasks: ['api', 'auth'], paths: ['src/**'], message: 'api and auth both own src/auth/**' },
    { kind: 'new-target', tasks: [], paths: [], message: 'the target will be created' },
  ],
  waves: [],
};

describe('the plan table rows and the check', () => {
  it("puts a task's errors and the warnings that name it on its row, and only those", () => {
    expect(rowIssues(check, 1, 'auth')).toEqual([
      { level: 'error', message: 'dependsOn: depends on "nope", which is not a task of this plan' },
      { level: 'warning', message: 'api and auth both own src/auth/**' },
    ]);
    expect(rowIssues(check, 0, 'api')).toEqual([{ level: 'warning', message: 'api and auth both own src/auth/**' }]);
    expect(rowIssues(check, 2, 'docs')).toEqual([]);
    expect(rowIssues(null, 0, 'api')).toEqual([]);
  });

  it('shows the errors and warnings of the plan as a whole apart', () => {
    expect(planIssues(check)).toEqual([
      { level: 'error', message: 'base: the base branch "mian" does not exist' },
      { level: 'warning', message: 'the target will be created' },
    ]);
  });

  it('reads JSON and YAML, and says when the text is no plan', () => {
    expect(parseDraft('{"base":"main","agent":{"profile":"demo"},"tasks":[]}')).toMatchObject({
      plan: { base: 'main' },
    });
    expect(
      parseDraft('base: main\nagent:\n  profile: demo\ntasks:\n  - name: a\n    brief: {task: A}\n'),
    ).toMatchObject({
      plan: { tasks: [{ name: 'a', brief: { task: 'A' } }] },
    });
    expect(parseDraft('{ "base": ')).toMatchObject({ error: expect.stringMatching(/Not JSON or YAML/) });
    expect(parseDraft('base: main')).toEqual({ error: 'The plan has no "tasks" list.' });
    expect(listFrom(' a, b ,, c ')).toEqual(['a', 'b', 'c']);
  });
});

describe("a row's agent setting", () => {
  const plan = { base: 'main', agent: { profile: 'demo' }, tasks: [] };
  it('offers the scenario for the demo agent, the command for a profile that takes one, else nothing', () => {
    expect(agentSettingOf(taskProfile(plan, { name: 'a', brief: { task: '' } }), false)).toBe('scenario');
    expect(
      agentSettingOf(taskProfile(plan, { name: 'a', brief: { task: '' }, agent: { profile: 'custom' } }), true),
    ).toBe('command');
    expect(agentSettingOf('claude', false)).toBeNull();
  });

  it('sets and clears it on the task agent, keeping the rest of it', () => {
    const task = { name: 'a', brief: { task: '' }, agent: { profile: 'custom' } };
    const set = withAgentSetting(task, 'command', 'sh -c "make it"');
    expect(set.agent).toEqual({ profile: 'custom', command: 'sh -c "make it"' });
    expect(agentSettingText({ ...task, agent: { command: ['npm', 'test'] } }, 'command')).toBe('npm test');
    expect(withAgentSetting(set, 'command', ' ').agent).toEqual({ profile: 'custom' });
    const bare = withAgentSetting({ name: 'b', brief: { task: '' } }, 'scenario', 'quick');
    expect(bare.agent).toEqual({ scenario: 'quick' });
    expect('agent' in withAgentSetting(bare, 'scenario', '')).toBe(false);
  });
});
