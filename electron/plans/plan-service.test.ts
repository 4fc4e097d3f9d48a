import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DryRunReportView, PlanCheckResultView, PlanRunView } from '../../shared/contract/plans';
import { gitOutput } from '../git/core';
import { useAppSuite } from '../test-support/app-suite';
import type { ReviewTestApp } from '../test-support/review';
import { waitFor } from '../test-support/temp-repo';

const suite = useAppSuite('plans-app-', {
  'README.md': '# Test\n',
  'src/app.ts': 'export const a = 1;\n',
});
let repo: string;
let t: ReviewTestApp;
let projectId: string;
let counter = 0;
beforeEach(() => {
  counter++;
  ({ repo, t, projectId } = suite.current());
});

/** A demo-agent scenario file that writes one file of its own and commits it: tasks never collide. */
async function scenarioWriting(name: string, file: string): Promise<string> {
  const scenario = path.join(suite.dir(), `scenario-${counter}-${name}.json`);
  const steps = [
    { print: `Working on ${name}`, delayMs: 100 },
    { write: { path: file, content: `${name}\n` } },
    { commit: `Add ${file}` },
    { print: 'Done.' },
    { exit: 0 },
  ];
  await writeFile(scenario, JSON.stringify({ name, steps }));
  return scenario;
}

const planText = (plan: Record<string, unknown>) =>
  JSON.stringify({ base: 'main', agent: { profile: 'demo' }, ...plan });

/** The run, once it is no longer running. */
const runEnded = (runId: string, timeoutMs: number) =>
  waitFor(
    async () => (await t.call<PlanRunView[]>('plans.runs', {})).find((r) => r.runId === runId && r.state !== 'running'),
    'the run to end',
    timeoutMs,
  );

describe('plans through the contract', () => {
  it('checks a plan: overlaps and errors name their tasks and paths, waves by dependency', async () => {
    const check = await t.call<PlanCheckResultView>('plans.check', {
      projectId,
      text: planText({
        tasks: [
          { name: 'api', brief: { task: 'API', ownedPaths: ['src/**'] } },
          { name: 'auth', brief: { task: 'Auth', ownedPaths: ['src/auth/**'] } },
          { name: 'docs', brief: { task: 'Docs', ownedPaths: ['docs/**'] }, dependsOn: ['nope'] },
        ],
      }),
    });
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual([expect.objectContaining({ path: 'tasks[2].dependsOn' })]);
    expect(check.warnings).toContainEqual(expect.objectContaining({ kind: 'overlap', tasks: ['api', 'auth'] }));

    const fixed = await t.call<PlanCheckResultView>('plans.check', {
      projectId,
      text: planText({
        tasks: [
          { name: 'api', brief: { task: 'API', ownedPaths: ['src/api/**'] } },
          { name: 'auth', brief: { task: 'Auth', ownedPaths: ['src/auth/**'] }, dependsOn: ['api'] },
        ],
      }),
    });
    expect(fixed).toMatchObject({ ok: true, errors: [], waves: [['api'], ['auth']] });
  });

  it('refuses a plan that does not parse, saying where', async () => {
    const check = await t.call<PlanCheckResultView>('plans.check', { projectId, text: '{ "base": ' });
    expect(check.ok).toBe(false);
    expect(check.errors.length).toBeGreaterThan(0);
  });

  it('dry-runs a plan: branches and worktrees in the project folder, argv, preflight; nothing is created', async () => {
    const before = await gitOutput(repo, ['for-each-ref']);
    const { check, report } = await t.call<{ check: PlanCheckResultView; report: DryRunReportView }>('plans.dryRun', {
      projectId,
      text: planText({
        preflight: ['git status --short'],
        tasks: [{ name: 'api', brief: { task: 'API', ownedPaths: ['src/api/**'] }, agent: { scenario: 'quick' } }],
      }),
    });
    expect(check.ok).toBe(true);
    const project = t.app.state.project(projectId);
    expect(report.tasks[0]).toMatchObject({
      name: 'api',
      branch: 'switchyard/api',
      worktree: path.join(project.worktreeRoot, 'switchyard-api'),
    });
    expect(report.tasks[0]!.argv.length).toBeGreaterThan(1);
    expect(report.preflight).toEqual([['git', 'status', '--short']]);
    expect(await gitOutput(repo, ['for-each-ref'])).toBe(before);
  });

  it('runs three demo tasks as threads, a dependency after what it needs, and lands them (autoLand)', async () => {
    const text = planText({
      autoLand: true,
      tasks: [
        {
          name: 'one',
          brief: { task: 'One', ownedPaths: ['one.txt'] },
          agent: { scenario: await scenarioWriting('one', 'one.txt') },
        },
        {
          name: 'two',
          brief: { task: 'Two', ownedPaths: ['two.txt'] },
          agent: { scenario: await scenarioWriting('two', 'two.txt') },
        },
        {
          name: 'three',
          brief: { task: 'Three', ownedPaths: ['three.txt'] },
          dependsOn: ['one'],
          agent: { scenario: await scenarioWriting('three', 'three.txt') },
        },
      ],
    });
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    const started = await t.call<PlanRunView>('plans.run', { projectId, text });
    expect(started.state).toBe('running');
    const run = await runEnded(started.runId, 60_000);
    expect(run.problem).toBeNull();
    expect(run.state).toBe('done');
    expect(run.tasks.map((task) => [task.name, task.phase])).toEqual([
      ['one', 'landed'],
      ['two', 'landed'],
      ['three', 'landed'],
    ]);
    // Each task was an ordinary thread on its branch.
    for (const task of run.tasks) {
      expect(task.threadId).not.toBeNull();
      expect(t.app.state.thread(task.threadId!).branch).toBe(task.branch);
    }
    const files = await gitOutput(repo, ['ls-tree', '--name-only', 'main']);
    expect(files.split('\n')).toEqual(expect.arrayContaining(['one.txt', 'two.txt', 'three.txt']));
    // three started from a target that already had one: it branched after one landed.
    const threeBranch = run.tasks.find((task) => task.name === 'three')!.branch;
    await gitOutput(repo, ['merge-base', '--is-ancestor', 'switchyard/one', threeBranch]);
    const events = run.log.map((e) => `${e.task ?? '-'}:${e.event}`);
    expect(events.indexOf('one:landed')).toBeLessThan(events.indexOf('three:started'));
    expect(t.events.some((e) => e.event === 'plan.run')).toBe(true);

    // Rollback puts main back where the run found it and keeps every task branch.
    const rolled = await t.call<{ target: string; to: string; unchanged: boolean }>('plans.rollback', {
      runId: run.runId,
    });
    expect(rolled).toMatchObject({ target: 'main', to: before.trim(), unchanged: false });
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
    expect(await gitOutput(repo, ['branch', '--list', 'switchyard/*'])).toMatch(/one[\s\S]*three[\s\S]*two/);

    // After a restart the run is read back from the data folder: its tasks' ends, log and threads.
    t = await suite.restart();
    const [past] = await t.call<PlanRunView[]>('plans.runs', {});
    expect(past).toMatchObject({ runId: run.runId, projectId, state: 'done', target: 'main' });
    expect(past!.tasks.map((task) => [task.name, task.phase, task.threadId])).toEqual(
      run.tasks.map((task) => [task.name, 'landed', task.threadId]),
    );
    expect(past!.log.map((e) => e.event)).toContain('landed');
  }, 90_000);

  it('without autoLand a task waits for its review to be approved, then lands', async () => {
    const text = planText({
      tasks: [
        {
          name: 'solo',
          brief: { task: 'Solo', ownedPaths: ['solo.txt'] },
          agent: { scenario: await scenarioWriting('solo', 'solo.txt') },
        },
      ],
    });
    const started = await t.call<PlanRunView>('plans.run', { projectId, text });
    const waiting = await waitFor(
      async () =>
        (await t.call<PlanRunView[]>('plans.runs', {})).find(
          (r) => r.runId === started.runId && r.tasks[0]!.phase === 'awaiting-approval',
        ),
      'the task to wait for approval',
      30_000,
    );
    const before = await gitOutput(repo, ['rev-parse', 'main']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await gitOutput(repo, ['rev-parse', 'main'])).toBe(before);
    await t.call('review.decide', { threadId: waiting.tasks[0]!.threadId, decision: 'approved' });
    const run = await runEnded(started.runId, 30_000);
    expect(run.tasks[0]!.phase).toBe('landed');
    expect(await gitOutput(repo, ['ls-tree', '--name-only', 'main'])).toContain('solo.txt');
  }, 60_000);

  it('makes a plan from a Markdown checklist, saves it in the project and lists it', async () => {
    const made = await t.call<{ text: string; tasks: number }>('plans.fromChecklist', {
      projectId,
      markdown: '- [ ] Add login\n- [x] done\n- [ ] Fix API',
    });
    expect(made.tasks).toBe(2);
    const saved = await t.call<{ path: string }>('plans.save', { projectId, name: 'Monday', text: made.text });
    expect(saved.path).toBe(path.join('.switchyard', 'plans', 'monday.json'));
    expect(await t.call('plans.list', { projectId })).toEqual([{ path: saved.path, name: 'monday' }]);
    const read = await t.call<{ text: string }>('plans.read', { projectId, path: saved.path });
    expect(JSON.parse(read.text).tasks.map((x: { name: string }) => x.name)).toEqual(['add-login', 'fix-api']);
    const outside = await t.callError('plans.read', { projectId, path: '../elsewhere.json' });
    expect(outside.message).toMatch(/inside the project/);
  });

  it('holds a "plan first" task at its plan until Approve; Request changes reaches the agent first', async () => {
    // A demo agent that writes its plan, then waits at its input box until it is told the plan is approved.
    const scenario = path.join(suite.dir(), `scenario-${counter}-gate.json`);
    await writeFile(
      scenario,
      JSON.stringify({
        name: 'gate',
        steps: [
          { print: 'Planning…', delayMs: 100 },
          { write: { path: '.switchyard/plan.md', content: '1. write gate.txt\n' } },
          { print: 'Plan written to .switchyard/plan.md' },
          { inbox: { record: 'feedback.jsonl', until: 'Plan approved: implement it.' } },
          { write: { path: 'gate.txt', content: 'implemented\n' } },
          { commit: 'Add gate.txt' },
          { exit: 0 },
        ],
      }),
    );
    const text = planText({
      autoLand: true,
      tasks: [
        {
          name: 'gated',
          brief: { task: 'Gated', ownedPaths: ['gate.txt', 'feedback.jsonl'] },
          agent: { scenario, planFirst: true },
        },
      ],
    });
    const started = await t.call<PlanRunView>('plans.run', { projectId, text });
    const phaseIs = (phase: string) => async () =>
      (await t.call<PlanRunView[]>('plans.runs', {})).find(
        (r) => r.runId === started.runId && r.tasks[0]!.phase === phase,
      );
    const ready = await waitFor(phaseIs('plan-ready'), 'the plan to be ready for review', 30_000);
    const threadId = ready.tasks[0]!.threadId!;
    const worktree = t.app.state.thread(threadId).worktreePath;
    expect(t.app.state.thread(threadId).prompt).toMatch(/write your plan for this task to \.switchyard\/plan\.md/);
    // Approve before a plan is ready again is refused; Request changes goes to the agent as a message.
    await t.call('plans.gate', {
      runId: started.runId,
      task: 'gated',
      decision: 'request-changes',
      text: 'Also say why',
    });
    const again = await waitFor(phaseIs('plan-ready'), 'the revised plan', 30_000);
    expect(again.tasks[0]!.phase).toBe('plan-ready');
    const { readFile } = await import('node:fs/promises');
    await waitFor(
      async () =>
        (await readFile(path.join(worktree, 'feedback.jsonl'), 'utf8').catch(() => '')).includes('Also say why'),
      'the changes to reach the agent',
    );
    expect(await gitOutput(repo, ['ls-tree', '--name-only', 'main'])).not.toContain('gate.txt');
    await t.call('plans.gate', { runId: started.runId, task: 'gated', decision: 'approve' });
    const run = await runEnded(started.runId, 30_000);
    expect(run.tasks[0]!.phase).toBe('landed');
    expect(await gitOutput(repo, ['ls-tree', '--name-only', 'main'])).toContain('gate.txt');
    const refused = await t.callError('plans.gate', { runId: started.runId, task: 'gated', decision: 'approve' });
    expect(refused.message).toMatch(/already approved/);
  }, 90_000);

  it('Stop ends a running plan: its agent is stopped, its task not run, the log says interrupted', async () => {
    const text = planText({
      autoLand: true,
      agent: { profile: 'custom' },
      tasks: [
        {
          name: 'slow',
          brief: { task: 'Slow', ownedPaths: ['slow.txt'] },
          agent: { profile: 'custom', command: ['sleep', '60'] },
        },
      ],
    });
    const started = await t.call<PlanRunView>('plans.run', { projectId, text });
    const running = await waitFor(
      async () =>
        (await t.call<PlanRunView[]>('plans.runs', {})).find((r) => r.runId === started.runId && r.tasks[0]!.threadId),
      'the task to start',
      20_000,
    );
    const threadId = running.tasks[0]!.threadId!;
    // A quiet custom command is thinking, not done: it is still running a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await t.call<PlanRunView[]>('plans.runs', {}))[0]!.state).toBe('running');
    await t.call('plans.stop', { runId: started.runId });
    const run = await waitFor(
      async () =>
        (await t.call<PlanRunView[]>('plans.runs', {})).find((r) => r.runId === started.runId && r.state === 'stopped'),
      'the run to stop',
      20_000,
    );
    expect(run.tasks[0]!.phase).toBe('not-run');
    expect(run.log.map((e) => e.event)).toContain('interrupted');
    await waitFor(() => t.app.state.thread(threadId).status === 'stopped', 'the thread to be stopped');
  }, 60_000);
});
