import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PlanInput, PlanSchema } from '../../shared/plan';
import { CustomProfileSchema } from '../../shared/custom-profile';
import { builtinProfiles } from '../agents/builtin-profiles';
import { customToAgentProfile } from '../agents/custom-profiles';
import type { AgentProfile } from '../agents/profile';
import { gitOutput, runGit } from '../git/core';
import { bundleNodeScript } from '../test-support/bundle-script';
import { commitAll, makeRepo, makeTempDir, tip } from '../test-support/temp-repo';
import { checkPlan } from './check-plan';
import { CliTaskExecutor } from './cli-executor';
import { type PlanRunOutcome, runPlan } from './plan-runner';
import { rollbackRun } from './rollback';
import { type RunEvent, readRunLog, readRunSummary } from './run-log';

const repoRoot = path.resolve(__dirname, '..', '..');
let bundle: Awaited<ReturnType<typeof makeTempDir>>;
let demoAgentScript: string;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let dataDir: string;

beforeAll(async () => {
  bundle = await makeTempDir('switchyard-plan-demo-');
  demoAgentScript = path.join(bundle.dir, 'demo-agent.cjs');
  await bundleNodeScript(path.join(repoRoot, 'electron', 'demo-agent', 'demo-agent.ts'), demoAgentScript);
}, 60_000);
afterAll(() => bundle.cleanup());

beforeEach(async () => {
  temp = await makeTempDir('switchyard-plan-run-');
  repo = await makeRepo(temp.dir, 'repo', { 'README.md': '# Test\n', 'shared.txt': 'base\n' });
  dataDir = path.join(temp.dir, 'data');
});
afterEach(() => temp.cleanup());

/** A task whose "agent" is a shell line that commits: `sh -c "<script>"`, then exits with its status. */
function shTask(name: string, script: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    brief: { task: `Task ${name}`, ownedPaths: [`${name}/**`] },
    agent: { command: ['sh', '-c', script] },
    ...extra,
  };
}

const commitFile = (file: string, content = file) =>
  `mkdir -p "$(dirname ${file})" && printf '${content}\\n' > ${file} && git add ${file} && git commit -qm "add ${file}"`;

async function checked(
  input: Omit<PlanInput, 'agent'> & { agent?: PlanInput['agent'] },
  extraProfiles: readonly AgentProfile[] = [],
) {
  const plan = PlanSchema.parse({ worktreeRoot: '../wt', agent: { profile: 'custom' }, ...input });
  const profiles = [
    ...builtinProfiles({ demoAgentScript, nodeExecutable: process.execPath, runningInElectron: false }),
    ...extraProfiles,
  ];
  const check = await checkPlan(plan, { repo, profiles });
  expect(check.result.errors).toEqual([]);
  if (!check.resolved) throw new Error('plan did not resolve');
  return check.resolved;
}

async function run(
  input: Parameters<typeof checked>[0],
  options: { signal?: AbortSignal; profiles?: readonly AgentProfile[]; idleMs?: number } = {},
): Promise<PlanRunOutcome> {
  const plan = await checked(input, options.profiles);
  return runPlan({
    repo,
    plan,
    dataDir,
    executor: (log) =>
      new CliTaskExecutor({
        outputFile: (task) => log.taskOutputFile(task.name, task.attempt),
        ...(options.idleMs ? { idleMs: options.idleMs } : {}),
      }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

function statuses(outcome: PlanRunOutcome): Record<string, string> {
  return Object.fromEntries(outcome.report.tasks.map((t) => [t.name, t.status]));
}

/** The most agents started and not yet ended at any point of the log. */
function peakRunning(events: readonly RunEvent[]): number {
  let running = 0;
  let peak = 0;
  for (const e of events) {
    if (e.event === 'started') peak = Math.max(peak, ++running);
    if (['finished', 'timeout', 'interrupted'].includes(e.event) && e.task) running--;
  }
  return peak;
}

const indexOf = (events: readonly RunEvent[], task: string, event: string) =>
  events.findIndex((e) => e.task === task && e.event === event);

describe('plan run', () => {
  it('runs at most maxParallel agents at once and starts a task only once its dependency has landed', async () => {
    const slow = (name: string) => `sleep 0.4 && ${commitFile(`${name}/${name}.txt`)}`;
    const outcome = await run({
      base: 'main',
      maxParallel: 2,
      verify: ['git', 'status', '--short'],
      tasks: [
        shTask('a', slow('a')),
        shTask('b', slow('b')),
        shTask('c', slow('c')),
        // The demo agent, branched from a target that already has a's work.
        {
          name: 'd',
          brief: { task: 'Notes', ownedPaths: ['demo/**'] },
          agent: { profile: 'demo', scenario: 'quick' },
          dependsOn: ['a'],
        },
      ],
    });
    expect(statuses(outcome)).toEqual({ a: 'landed', b: 'landed', c: 'landed', d: 'landed' });
    expect(outcome.ok).toBe(true);
    const events = await readRunLog(outcome.report.log);
    expect(peakRunning(events)).toBe(2);
    expect(indexOf(events, 'd', 'started')).toBeGreaterThan(indexOf(events, 'a', 'landed'));
    // d's branch starts from a target holding a.
    const aLanded = events.find((e) => e.task === 'a' && e.event === 'landed')?.detail as { commit: string };
    await runGit(repo, ['merge-base', '--is-ancestor', aLanded.commit, 'switchyard/d']);
    expect(outcome.report.landed.indexOf('d')).toBeGreaterThan(outcome.report.landed.indexOf('a'));
    // Everything is in the target, and the clean checkout of it was moved along.
    const files = await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main']);
    expect(files).toMatch(/a\/a\.txt[\s\S]*b\/b\.txt[\s\S]*c\/c\.txt/);
    expect(files).toMatch(/demo\/.*-quick\.md/);
    expect(existsSync(path.join(repo, 'a', 'a.txt'))).toBe(true);
    // Every agent's output is kept with the run.
    expect(await readdir(path.join(path.dirname(outcome.report.log), 'tasks'))).toEqual([
      'a.log',
      'b.log',
      'c.log',
      'd.log',
    ]);
  }, 60_000);

  it('marks failed, skipped, verify-failed, conflict and timeout, and lands the rest', async () => {
    const outcome = await run({
      base: 'main',
      target: 'integration/day',
      maxParallel: 8,
      // 6 s: long enough for the quick tasks on a busy machine, short for the two that never end.
      timeoutMinutes: 0.1,
      // The plan's verify, run in the integration worktree after each landing.
      verify: ['sh', '-c', 'test ! -f breaks-verify/x.txt'],
      tasks: [
        shTask('breaks-verify', commitFile('breaks-verify/x.txt')),
        shTask('broken', 'echo trying; exit 3'),
        shTask('after-broken', commitFile('after-broken/x.txt'), { dependsOn: ['broken'] }),
        {
          ...shTask('unverified', commitFile('unverified/x.txt')),
          brief: { task: 'x', ownedPaths: ['unverified/**'], verificationCommands: ['test -f nope.txt'] },
        },
        shTask('one', `sleep 0.3 && ${commitFile('same.txt', 'one')}`),
        shTask('two', `sleep 0.3 && ${commitFile('same.txt', 'two')}`),
        // Asks, and nobody answers: it times out, and the log says what it asked.
        shTask('asks', 'printf "Overwrite config? (y/n) "; read answer'),
        shTask('slow', `echo $$ > ${path.join(temp.dir, 'slow.pid')}; echo thinking; sleep 60`),
      ],
    });
    const got = statuses(outcome);
    const events = await readRunLog(outcome.report.log);
    // On a mismatch, say why each task failed or timed out.
    const why = JSON.stringify(events.filter((e) => ['failed', 'timeout'].includes(e.event)));
    expect(got, why).toMatchObject({
      broken: 'failed',
      'after-broken': 'skipped',
      unverified: 'verify-failed',
      'breaks-verify': 'verify-failed',
      asks: 'timeout',
      slow: 'timeout',
    });
    expect([got.one, got.two].sort()).toEqual(['conflict', 'landed']);
    expect(outcome.report.tasks.find((t) => t.name === 'broken')?.exitCode, why).toBe(3);
    // The timed-out agent's whole process group is gone, its `sleep` too.
    const slowGroup = Number(await readFile(path.join(temp.dir, 'slow.pid'), 'utf8'));
    await waitUntil(async () => {
      try {
        process.kill(-slowGroup, 0);
        return false;
      } catch {
        return true;
      }
    }, 5_000);
    expect(outcome.ok).toBe(false);
    expect(events.find((e) => e.event === 'target-created')?.detail).toEqual({
      target: 'integration/day',
      from: 'main',
    });
    expect(events.find((e) => e.task === 'after-broken' && e.event === 'skipped')?.detail).toEqual({
      dependency: 'broken',
      status: 'failed',
    });
    // The conflicting task's branch is untouched and the target holds only the one that landed.
    const landed = got.one === 'landed' ? 'one' : 'two';
    expect(await gitOutput(repo, ['show', 'integration/day:same.txt'])).toBe(`${landed}\n`);
    // Every branch and worktree is kept for the dispatcher.
    expect(events.find((e) => e.task === 'asks' && e.event === 'needs-input')?.detail).toEqual({
      reason: expect.stringContaining('Overwrite config?'),
    });
    expect(events.find((e) => e.task === 'breaks-verify' && e.event === 'verified')).toBeDefined();
    expect(events.find((e) => e.task === 'breaks-verify' && e.event === 'verify-failed')?.detail).toMatchObject({
      files: ['breaks-verify/x.txt'],
      exitCode: 1,
    });
    for (const name of ['broken', 'unverified', 'breaks-verify', 'one', 'two', 'slow']) {
      await runGit(repo, ['rev-parse', '--verify', `refs/heads/switchyard/${name}`]);
      expect(existsSync(path.join(temp.dir, 'wt', `switchyard-${name}`))).toBe(true);
    }
    expect(existsSync(path.join(temp.dir, 'wt', 'switchyard-after-broken'))).toBe(false);
  }, 60_000);

  it('lands three demo quick tasks of one plan without conflicts: each names its file from its branch', async () => {
    const demo = (name: string) => ({
      name,
      brief: { task: 'Write a quick note', ownedPaths: [`demo/${name}-quick.md`] },
      agent: { profile: 'demo', scenario: 'quick' },
    });
    const outcome = await run({ base: 'main', maxParallel: 3, tasks: [demo('one'), demo('two'), demo('three')] });
    const events = await readRunLog(outcome.report.log);
    expect(statuses(outcome), JSON.stringify(events.filter((e) => e.event === 'conflict'))).toEqual({
      one: 'landed',
      two: 'landed',
      three: 'landed',
    });
    expect(peakRunning(events)).toBe(3);
    const files = await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', 'demo']);
    expect(files).toBe('demo/one-quick.md\ndemo/three-quick.md\ndemo/two-quick.md\n');
  }, 60_000);

  it('runs demo attempts side by side with another task, each in its slot, and lands the one that finished', async () => {
    const outcome = await run({
      base: 'main',
      maxParallel: 2,
      tasks: [
        {
          name: 'notes',
          brief: { task: 'Write a note', ownedPaths: ['demo/**'] },
          attempts: [
            { profile: 'demo', scenario: 'fail' },
            { profile: 'demo', scenario: 'quick' },
            { profile: 'demo', scenario: 'quick' },
          ],
        },
        shTask('other', `sleep 0.3 && ${commitFile('other/x.txt')}`),
      ],
    });
    const events = await readRunLog(outcome.report.log);
    expect(statuses(outcome), JSON.stringify(events)).toEqual({ notes: 'landed', other: 'landed' });
    expect(peakRunning(events)).toBe(2);
    // Both quick attempts wrote the same note (the rendered brief); the tie goes to the faster, else the first.
    const notes = outcome.report.tasks.find((t) => t.name === 'notes');
    const added = (
      await gitOutput(repo, ['diff', '--numstat', outcome.report.backupRef ?? '', 'main', '--', 'demo'])
    ).split('\t')[0];
    const lines = Number(added);
    expect(lines).toBeGreaterThan(1);
    expect(notes?.attempts?.map(({ status, verified, linesChanged }) => ({ status, verified, linesChanged }))).toEqual([
      { status: 'failed', verified: null, linesChanged: 0 },
      { status: 'finished', verified: null, linesChanged: lines },
      { status: 'finished', verified: null, linesChanged: lines },
    ]);
    // Only attempts that finished with a change are scored: a failed one's empty change is not the "simplest".
    expect(notes?.attempts?.map((a) => a.score)).toEqual([null, 100, 100]);
    const picked = notes?.attempts?.find((a) => a.picked);
    expect(notes?.branch).toBe(picked?.branch);
    const k = Number(picked?.branch.slice(-1));
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main', 'demo'])).toBe(
      `demo/notes-attempt-${k}-quick.md\n`,
    );
    // The others are kept under their refs (the failed one at where it started), their worktrees gone.
    const refs = await gitOutput(repo, ['for-each-ref', '--format=%(refname)', 'refs/switchyard/attempts/']);
    const kept = [1, 5 - k].sort().map((j) => `refs/switchyard/attempts/${outcome.report.runId}-notes/${j}\n`);
    expect(refs).toBe(kept.join(''));
    expect(await gitOutput(repo, ['show', '--name-only', '--format=', kept[1]!.trim()])).toBe(
      `demo/notes-attempt-${5 - k}-quick.md\n`,
    );
    for (const j of [1, 5 - k])
      expect(existsSync(path.join(temp.dir, 'wt', `switchyard-notes-attempt-${j}`))).toBe(false);
    expect(await readdir(path.join(path.dirname(outcome.report.log), 'tasks'))).toEqual([
      'notes.attempt-1.log',
      'notes.attempt-2.log',
      'notes.attempt-3.log',
      'other.log',
    ]);
  }, 60_000);

  it('creates nothing in the repository when preflight fails', async () => {
    const before = await repoState();
    const outcome = await run({
      base: 'main',
      target: 'integration/never',
      preflight: [
        ['git', 'status', '--short'],
        ['sh', '-c', 'echo not ready >&2; exit 4'],
      ],
      tasks: [shTask('a', commitFile('a/a.txt'))],
    });
    expect(outcome.preflightFailed).toEqual(['sh', '-c', 'echo not ready >&2; exit 4']);
    expect(outcome.report.backupRef).toBeNull();
    expect(statuses(outcome)).toEqual({ a: 'not-run' });
    expect(await repoState()).toEqual(before);
    expect(existsSync(path.join(temp.dir, 'wt'))).toBe(false);
    const events = await readRunLog(outcome.report.log);
    expect(events.map((e) => e.event)).toEqual(['preflight', 'preflight-failed']);
    expect(events[1]?.detail).toMatchObject({ exitCode: 4, output: expect.stringContaining('not ready') });
  }, 30_000);

  it('rolls the target back to its backup, keeping the task branches; refuses when it moved, unless forced', async () => {
    const start = await tip(repo, 'main');
    const outcome = await run({ base: 'main', tasks: [shTask('a', commitFile('a/a.txt'))] });
    expect(outcome.ok).toBe(true);
    const summary = await readRunSummary(dataDir, outcome.report.runId);
    expect(summary.before).toBe(start);
    expect(summary.after).toBe(await tip(repo, 'main'));
    expect(await tip(repo, outcome.report.backupRef ?? '')).toBe(start);

    // Someone commits on the target after the run: rollback would drop it.
    await writeFile(path.join(repo, 'later.txt'), 'later\n');
    await commitAll(repo, 'later');
    await expect(rollbackRun(dataDir, outcome.report.runId)).rejects.toThrow(/moved since plan run/);
    // A dirty checkout of the target is never reset under the user.
    await writeFile(path.join(repo, 'README.md'), 'edited\n');
    await expect(rollbackRun(dataDir, outcome.report.runId, { force: true })).rejects.toThrow(/uncommitted changes/);
    await runGit(repo, ['checkout', '--', 'README.md']);

    const rolled = await rollbackRun(dataDir, outcome.report.runId, { force: true });
    expect(rolled).toMatchObject({ to: start, unchanged: false, checkout: repo, keptBranches: ['switchyard/a'] });
    expect(await tip(repo, 'main')).toBe(start);
    expect(existsSync(path.join(repo, 'a', 'a.txt'))).toBe(false);
    await runGit(repo, ['rev-parse', '--verify', 'refs/heads/switchyard/a']);
  }, 30_000);

  it('keeps landings aside while the checked-out target is dirty, starts dependents from them, and rollback drops them', async () => {
    const start = await tip(repo, 'main');
    await writeFile(path.join(repo, 'README.md'), 'my own edit\n');
    const outcome = await run({
      base: 'main',
      tasks: [
        shTask('a', commitFile('a/a.txt')),
        shTask('b', 'test -f a/a.txt && ' + commitFile('b/b.txt'), { dependsOn: ['a'] }),
      ],
    });
    expect(statuses(outcome)).toEqual({ a: 'landed', b: 'landed' });
    // The user's checkout and branch are untouched; the landings wait under Switchyard's ref.
    expect(await tip(repo, 'main')).toBe(start);
    expect(await readFile(path.join(repo, 'README.md'), 'utf8')).toBe('my own edit\n');
    const pending = await tip(repo, 'refs/switchyard/landing/main');
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', pending])).toContain('b/b.txt');
    const events = await readRunLog(outcome.report.log);
    expect(events.find((e) => e.task === 'a' && e.event === 'landed')?.detail).toMatchObject({
      notice: expect.stringContaining('uncommitted changes'),
    });
    expect((await readRunSummary(dataDir, outcome.report.runId)).after).toBe(pending);

    const rolled = await rollbackRun(dataDir, outcome.report.runId);
    expect(rolled).toMatchObject({ unchanged: false, droppedPending: true });
    await expect(runGit(repo, ['rev-parse', '--verify', '--quiet', 'refs/switchyard/landing/main'])).rejects.toThrow();
    expect(await readFile(path.join(repo, 'README.md'), 'utf8')).toBe('my own edit\n');
  }, 60_000);

  it('asks beforeLanding for each verified task: a reason fails it unlanded and its dependents are skipped', async () => {
    const plan = await checked({
      base: 'main',
      tasks: [
        shTask('kept', commitFile('kept/x.txt')),
        shTask('refused', commitFile('refused/x.txt')),
        shTask('after-refused', commitFile('after-refused/x.txt'), { dependsOn: ['refused'] }),
      ],
    });
    const asked: string[] = [];
    const outcome = await runPlan({
      repo,
      plan,
      dataDir,
      runId: '20261204-120000-abcdef',
      executor: (log) => new CliTaskExecutor({ outputFile: (task) => log.taskOutputFile(task.name) }),
      beforeLanding: async (task) => {
        asked.push(task.name);
        return task.name === 'refused' ? 'its review was rejected' : null;
      },
    });
    expect(outcome.report.runId).toBe('20261204-120000-abcdef');
    expect(statuses(outcome)).toEqual({ kept: 'landed', refused: 'failed', 'after-refused': 'skipped' });
    expect(asked.sort()).toEqual(['kept', 'refused']);
    const events = await readRunLog(outcome.report.log);
    expect(events.find((e) => e.event === 'failed')).toMatchObject({
      task: 'refused',
      detail: { message: 'its review was rejected', while: 'landing' },
    });
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain('refused/x.txt');
  }, 30_000);

  it('types the prompt into an interactive agent once it is ready, and takes its idle prompt afterwards as done', async () => {
    // A tool that takes its prompt only as typed input, commits what it was told, and waits for more.
    const script = path.join(temp.dir, 'typist.cjs');
    await writeFile(
      script,
      `const { execFileSync } = require('node:child_process');
process.stdout.write('ready> ');
process.stdin.on('data', (data) => {
  require('node:fs').writeFileSync('typed.txt', String(data).trim().slice(0, 60) + '\\n');
  execFileSync('git', ['add', 'typed.txt']);
  execFileSync('git', ['commit', '-qm', 'typed']);
  process.stdout.write('committed\\nready> ');
});
`,
    );
    const typist = customToAgentProfile(
      CustomProfileSchema.parse({
        id: 'custom-typist',
        label: 'Typist',
        binary: process.execPath,
        args: [script],
        promptArgs: [],
      }),
    );
    expect(typist.promptDelivery).toBe('typed');
    const outcome = await run(
      {
        base: 'main',
        timeoutMinutes: 0.5,
        agent: { profile: 'custom-typist' },
        tasks: [{ name: 'typed', brief: { task: 'Type me' } }],
      },
      { profiles: [typist], idleMs: 600 },
    );
    expect(outcome.report.tasks).toEqual([
      { name: 'typed', branch: 'switchyard/typed', status: 'landed', exitCode: null },
    ]);
    expect(await gitOutput(repo, ['show', 'main:typed.txt'])).toMatch(/^You are one of several coding agents/);
    const events = await readRunLog(outcome.report.log);
    expect(events.find((e) => e.event === 'finished')?.detail).toMatchObject({
      exitCode: null,
      idle: expect.any(String),
    });
  }, 60_000);

  it('stops the agents when interrupted, records it, and keeps branches and worktrees', async () => {
    const controller = new AbortController();
    const running = run(
      { base: 'main', tasks: [shTask('a', 'echo started; sleep 60')] },
      { signal: controller.signal },
    );
    const logFile = await waitForLog();
    await waitUntil(async () => (await readRunLog(logFile)).some((e) => e.event === 'started'));
    const t0 = Date.now();
    controller.abort();
    const outcome = await running;
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(outcome.interrupted).toBe(true);
    expect(statuses(outcome)).toEqual({ a: 'not-run' });
    const events = await readRunLog(outcome.report.log);
    expect(events.filter((e) => e.event === 'interrupted').map((e) => e.task)).toEqual(['a', null]);
    expect(existsSync(path.join(temp.dir, 'wt', 'switchyard-a'))).toBe(true);
    expect((await readRunSummary(dataDir, outcome.report.runId)).interrupted).toBe(true);
  }, 30_000);
});

describe('plan run: attempts interrupted', () => {
  it('stops every attempt, picks none, and keeps each attempt’s branch and worktree', async () => {
    const controller = new AbortController();
    const running = run(
      {
        base: 'main',
        tasks: [{ ...shTask('slow', 'echo started; sleep 60'), attempts: 2 }],
      },
      { signal: controller.signal },
    );
    const logFile = await waitForLog();
    await waitUntil(async () => (await readRunLog(logFile)).filter((e) => e.event === 'started').length === 2);
    controller.abort();
    const outcome = await running;
    expect(outcome.report.tasks).toEqual([
      { name: 'slow', branch: 'switchyard/slow', status: 'not-run', exitCode: null },
    ]);
    const events = await readRunLog(outcome.report.log);
    const interrupted = events.filter((e) => e.event === 'interrupted').map((e) => [e.task, e.detail]);
    // The two attempts stop side by side, so either may be logged first; then the task, then the run.
    expect(interrupted.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ['slow', { attempt: 1 }],
        ['slow', { attempt: 2 }],
      ]),
    );
    expect(interrupted.slice(2)).toEqual([
      ['slow', null],
      [null, expect.anything()],
    ]);
    for (const k of [1, 2]) {
      expect(existsSync(path.join(temp.dir, 'wt', `switchyard-slow-attempt-${k}`))).toBe(true);
      await runGit(repo, ['rev-parse', '--verify', `refs/heads/switchyard/slow/attempt-${k}`]);
    }
    expect(await gitOutput(repo, ['for-each-ref', 'refs/switchyard/attempts/'])).toBe('');
  }, 30_000);
});

async function repoState() {
  return {
    refs: await gitOutput(repo, ['for-each-ref', '--format=%(refname) %(objectname)']),
    worktrees: await gitOutput(repo, ['worktree', 'list', '--porcelain']),
    files: (await readdir(temp.dir)).filter((f) => f !== 'data').sort(),
  };
}

async function waitForLog(): Promise<string> {
  let file = '';
  await waitUntil(async () => {
    const runs = await readdir(path.join(dataDir, 'plans')).catch(() => []);
    if (runs[0]) file = path.join(dataDir, 'plans', runs[0], 'run.jsonl');
    return file !== '' && existsSync(file);
  });
  return file;
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
