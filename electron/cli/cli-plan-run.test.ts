import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitOutput } from '../git/core';
import { fakeClaudePrompt, writeFakeClaude } from '../test-support/fake-claude';
import { bundledCli, runBuiltCli } from '../test-support/built-cli';
import { makeRepo, makeTempDir, tip } from '../test-support/temp-repo';

const repoRoot = path.resolve(__dirname, '..', '..');
// The CLI as users run it: bundled as the build does, started as a process of its own.
const cli = bundledCli('cli-plan-run-test');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir, 'repo', { 'README.md': '# Test\n' });
  await mkdir(path.join(temp.dir, 'data'));
  env = {
    ...process.env,
    NODE_PATH: path.join(repoRoot, 'node_modules'),
    HOME: path.join(temp.dir, 'home'),
    SWITCHYARD_DATA_DIR: path.join(temp.dir, 'data'),
  };
});
afterEach(() => temp.cleanup());

const switchyard = (...args: string[]) => runBuiltCli(cli, args, { cwd: temp.dir, env });

const commit = (file: string) => `printf 'x\\n' > ${file} && git add ${file} && git commit -qm ${file}`;

async function writePlan(plan: unknown): Promise<string> {
  const file = path.join(temp.dir, 'plan.json');
  await writeFile(file, JSON.stringify(plan, null, 2));
  return file;
}

const plan = (tasks: unknown[], extra: Record<string, unknown> = {}) => ({
  base: 'main',
  target: 'integration/q1',
  worktreeRoot: '../wt',
  agent: { profile: 'custom' },
  ...extra,
  tasks,
});

const task = (name: string, script: string, dependsOn: string[] = []) => ({
  name,
  brief: { task: name, ownedPaths: [`${name}.txt`] },
  agent: { command: ['sh', '-c', script] },
  dependsOn,
});

describe('switchyard plan run', () => {
  it('prints exactly {runId, target, backupRef, tasks, landed, log} and exits 0 when every task landed', async () => {
    const file = await writePlan(plan([task('a', commit('a.txt')), task('b', commit('b.txt'), ['a'])]));
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['runId', 'target', 'backupRef', 'tasks', 'landed', 'log']);
    const runId = out.runId as string;
    expect(runId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect(out).toEqual({
      runId,
      target: 'integration/q1',
      backupRef: `refs/switchyard/plans/${runId}/before`,
      tasks: [
        { name: 'a', branch: 'switchyard/a', status: 'landed', exitCode: 0 },
        { name: 'b', branch: 'switchyard/b', status: 'landed', exitCode: 0 },
      ],
      landed: ['a', 'b'],
      log: path.join(temp.dir, 'data', 'plans', runId, 'run.jsonl'),
    });
    for (const t of out.tasks as object[]) expect(Object.keys(t)).toEqual(['name', 'branch', 'status', 'exitCode']);
    expect(existsSync(path.join(temp.dir, 'data', 'plans', runId, 'run.json'))).toBe(true);
    // The target was made from main; the backup is main's commit.
    expect(await tip(repo, `refs/switchyard/plans/${runId}/before`)).toBe(await tip(repo, 'main'));
    expect(await gitOutput(repo, ['ls-tree', '--name-only', 'integration/q1'])).toBe('README.md\na.txt\nb.txt\n');

    // Rollback through the CLI: the target goes back, the task branches stay.
    const rolled = await switchyard('plan', 'rollback', runId, '--json');
    expect(rolled.code).toBe(0);
    expect(JSON.parse(rolled.stdout)).toEqual({
      runId,
      target: 'integration/q1',
      backupRef: `refs/switchyard/plans/${runId}/before`,
      from: expect.stringMatching(/^[0-9a-f]{40}$/),
      to: await tip(repo, 'main'),
      unchanged: false,
      checkout: null,
      keptBranches: ['switchyard/a', 'switchyard/b'],
      droppedPending: false,
    });
    expect(await tip(repo, 'integration/q1')).toBe(await tip(repo, 'main'));
    expect(await tip(repo, 'switchyard/b')).toMatch(/^[0-9a-f]{40}$/);
  }, 60_000);

  it('exits 1 when a task did not land, and rollback refuses a target that moved unless --force', async () => {
    const file = await writePlan(
      plan([task('a', commit('a.txt')), task('bad', 'exit 7'), task('c', commit('c.txt'), ['bad'])]),
    );
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--json');
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { runId: string; tasks: unknown[]; landed: string[] };
    expect(out.tasks).toEqual([
      { name: 'a', branch: 'switchyard/a', status: 'landed', exitCode: 0 },
      { name: 'bad', branch: 'switchyard/bad', status: 'failed', exitCode: 7 },
      { name: 'c', branch: 'switchyard/c', status: 'skipped', exitCode: null },
    ]);
    expect(out.landed).toEqual(['a']);

    const moved = (
      await gitOutput(repo, ['commit-tree', '-p', 'integration/q1', '-m', 'later', 'integration/q1^{tree}'])
    ).trim();
    await gitOutput(repo, ['update-ref', 'refs/heads/integration/q1', moved]);
    const refused = await switchyard('plan', 'rollback', out.runId, '--repo', repo);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('moved since plan run');
    expect(await tip(repo, 'integration/q1')).toBe(moved);
    const forced = await switchyard('plan', 'rollback', out.runId, '--repo', repo, '--force');
    expect(forced.code).toBe(0);
    expect(await tip(repo, 'integration/q1')).toBe(await tip(repo, 'main'));
  }, 60_000);

  it('Ctrl+C stops the agents, records interrupted, keeps branches and worktrees, and prints the summary', async () => {
    const file = await writePlan(plan([task('a', 'echo working; sleep 60')]));
    const child = spawn(process.execPath, [cli, 'plan', 'run', file, '--repo', repo, '--json'], { cwd: temp.dir, env });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const plans = path.join(temp.dir, 'data', 'plans');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [runId] = await readdir(plans).catch(() => []);
      const log = runId ? await readFile(path.join(plans, runId, 'run.jsonl'), 'utf8').catch(() => '') : '';
      if (log.includes('"started"')) break;
      if (Date.now() > deadline) throw new Error('the task never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000)),
    ]);
    if (code === 'still running') {
      const [runId = ''] = await readdir(plans);
      const log = await readFile(path.join(plans, runId, 'run.jsonl'), 'utf8');
      child.kill('SIGKILL');
      throw new Error(`plan run did not end 20 s after SIGINT.\nstdout: ${stdout}\nstderr: ${stderr}\nlog: ${log}`);
    }
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { tasks: unknown[]; log: string };
    expect(out.tasks).toEqual([{ name: 'a', branch: 'switchyard/a', status: 'not-run', exitCode: null }]);
    const events = (await readFile(out.log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; task: string | null });
    expect(events.filter((e) => e.event === 'interrupted').map((e) => e.task)).toEqual(['a', null]);
    expect(existsSync(path.join(temp.dir, 'wt', 'switchyard-a'))).toBe(true);
    expect(await tip(repo, 'switchyard/a')).toBe(await tip(repo, 'main'));
  }, 60_000);

  it('a failing preflight prints the same shape with backupRef null, every task not-run, exits 1, and creates nothing in the repository', async () => {
    const file = await writePlan(plan([task('a', commit('a.txt'))], { preflight: [['sh', '-c', 'exit 5']] }));
    const refs = await gitOutput(repo, ['for-each-ref']);
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--json');
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['runId', 'target', 'backupRef', 'tasks', 'landed', 'log']);
    expect(out).toMatchObject({
      backupRef: null,
      tasks: [{ name: 'a', branch: 'switchyard/a', status: 'not-run', exitCode: null }],
      landed: [],
    });
    expect(await gitOutput(repo, ['for-each-ref'])).toBe(refs);
    expect(existsSync(path.join(temp.dir, 'wt'))).toBe(false);
  }, 30_000);

  it('runs a task three times, lands only the smallest verified change, and sets the others aside under refs', async () => {
    const lines = (file: string, n: number) =>
      `for i in $(seq ${n}); do echo "line $i" >> ${file}; done && git add ${file} && git commit -qm ${file}`;
    const file = await writePlan(
      plan(
        [
          {
            name: 'fix',
            brief: { task: 'Fix it', ownedPaths: ['fix/**'], verificationCommands: ['test ! -f fix/bad.txt'] },
            attempts: [
              // Small, but its verification fails.
              { profile: 'custom', command: ['sh', '-c', `mkdir -p fix && ${lines('fix/bad.txt', 1)}`] },
              // Passes, with a big change.
              { profile: 'custom', command: ['sh', '-c', `mkdir -p fix && ${lines('fix/big.txt', 10)}`] },
              // Passes, with a small one, and leaves a file uncommitted.
              {
                profile: 'custom',
                command: ['sh', '-c', `mkdir -p fix && ${lines('fix/small.txt', 2)} && echo wip > fix/wip.txt`],
              },
            ],
            pick: 'auto',
          },
        ],
        { maxParallel: 2 },
      ),
    );
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--json');
    expect(result.code, result.stdout).toBe(0);
    const out = JSON.parse(result.stdout) as { runId: string; tasks: unknown[]; landed: string[]; log: string };
    const { runId } = out;
    // Scores: correctness 30, simplicity 25, maintainability 15 (performance and cost unknown), out of 70.
    expect(out.tasks).toEqual([
      {
        name: 'fix',
        branch: 'switchyard/fix/attempt-3',
        status: 'landed',
        exitCode: 0,
        attempts: [
          {
            branch: 'switchyard/fix/attempt-1',
            status: 'finished',
            verified: false,
            linesChanged: 1,
            score: 57,
            picked: false,
          },
          {
            branch: 'switchyard/fix/attempt-2',
            status: 'finished',
            verified: true,
            linesChanged: 10,
            score: 68,
            picked: false,
          },
          {
            branch: 'switchyard/fix/attempt-3',
            status: 'finished',
            verified: true,
            linesChanged: 2,
            score: 82,
            picked: true,
          },
        ],
      },
    ]);
    for (const attempt of (out.tasks[0] as { attempts: object[] }).attempts) {
      expect(Object.keys(attempt)).toEqual(['branch', 'status', 'verified', 'linesChanged', 'score', 'picked']);
    }
    expect(out.landed).toEqual(['fix']);
    expect(await gitOutput(repo, ['ls-tree', '-r', '--name-only', 'integration/q1'])).toBe(
      'README.md\nfix/small.txt\n',
    );
    // The losers: branches and worktrees gone, their work reachable under refs (the uncommitted file too for a loser).
    const wt = path.join(temp.dir, 'wt');
    for (const k of [1, 2]) {
      expect(existsSync(path.join(wt, `switchyard-fix-attempt-${k}`))).toBe(false);
      expect(await gitOutput(repo, ['branch', '--list', `switchyard/fix/attempt-${k}`])).toBe('');
    }
    const ref = (k: number) => `refs/switchyard/attempts/${runId}-fix/${k}`;
    expect(await gitOutput(repo, ['show', `${ref(1)}:fix/bad.txt`])).toBe('line 1\n');
    expect(await gitOutput(repo, ['show', `${ref(2)}:fix/big.txt`])).toContain('line 10\n');
    expect(await gitOutput(repo, ['for-each-ref', '--format=%(refname)', 'refs/switchyard/attempts/'])).toBe(
      `${ref(1)}\n${ref(2)}\n`,
    );
    // The winner's worktree stays, as a landed task's does.
    expect(existsSync(path.join(wt, 'switchyard-fix-attempt-3', 'fix', 'wip.txt'))).toBe(true);
    // Each attempt took an agent slot: never more than maxParallel at once.
    const events = (await readFile(out.log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; detail: { attempt?: number } });
    let running = 0;
    let peak = 0;
    for (const e of events) {
      if (e.event === 'started') peak = Math.max(peak, ++running);
      if (e.event === 'finished') running--;
    }
    expect(peak).toBe(2);
    expect(events.filter((e) => e.event === 'started').map((e) => e.detail.attempt)).toHaveLength(3);
    expect(events.find((e) => e.event === 'picked')?.detail).toMatchObject({ attempt: 3 });
  }, 60_000);

  it('stops a task over its budget (from its agent’s own session log) and books the spend under the plan run', async () => {
    const bin = path.join(temp.dir, 'bin');
    const real = path.join(temp.dir, 'fake-claude');
    await writeFakeClaude(real);
    const claudeDir = path.join(temp.dir, 'claude-config');
    // As an installed Claude Code has it, so its folder is watched from the start.
    await mkdir(path.join(claudeDir, 'projects'), { recursive: true });
    // The plan's prompt is the brief; the stand-in takes its script from the environment instead.
    await mkdir(bin);
    await writeFile(path.join(bin, 'claude'), `#!/bin/sh\nexec "${path.join(real, 'claude')}" "$FAKE_CLAUDE_SCRIPT"\n`);
    await chmod(path.join(bin, 'claude'), 0o755);
    env = {
      ...env,
      PATH: `${bin}${path.delimiter}${env.PATH ?? ''}`,
      CLAUDE_CONFIG_DIR: claudeDir,
      FAKE_CLAUDE_SCRIPT: fakeClaudePrompt({
        configDir: claudeDir,
        turns: 100,
        everyMs: 400,
        output: 1000,
        stayMs: 100,
      }),
    };
    const file = await writePlan(
      plan([
        {
          name: 'spender',
          brief: { task: 'Spend', ownedPaths: ['spender/**'] },
          agent: { profile: 'claude', mode: 'headless' },
          budget: { unit: 'tokens', limit: 2500 },
        },
        task('cheap', commit('cheap.txt')),
      ]),
    );
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--json');
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { runId: string; tasks: unknown[]; log: string };
    const events = (await readFile(out.log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { task: string | null; event: string; detail: Record<string, unknown> });
    expect(out.tasks, JSON.stringify(events.filter((e) => e.task === 'spender'))).toEqual([
      { name: 'spender', branch: 'switchyard/spender', status: 'over-budget', exitCode: null },
      { name: 'cheap', branch: 'switchyard/cheap', status: 'landed', exitCode: 0 },
    ]);
    expect(events.find((e) => e.task === 'spender' && e.event === 'budget-warning')).toBeDefined();
    expect(events.find((e) => e.task === 'spender' && e.event === 'over-budget')?.detail).toMatchObject({
      budget: { unit: 'tokens', limit: 2500 },
      message: expect.stringContaining('over its budget'),
    });
    // Stopped well before its 100 turns: its session log ends soon after the limit.
    const sessions = path.join(claudeDir, 'projects');
    const [folder = ''] = await readdir(sessions);
    const [session = ''] = await readdir(path.join(sessions, folder));
    const turns = (await readFile(path.join(sessions, folder, session), 'utf8')).trim().split('\n').length / 2;
    expect(turns).toBeLessThan(20);
    // Every booked line carries the plan run.
    const usage = (await readFile(path.join(temp.dir, 'data', 'usage.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { planRunId: string; threadId: string });
    expect(usage.length).toBeGreaterThan(0);
    for (const line of usage)
      expect(line).toMatchObject({ planRunId: out.runId, threadId: `plan:${out.runId}:spender` });
  }, 60_000);

  it('rollback of an unknown run exits 1 with a clear message; a bad run id too', async () => {
    const unknown = await switchyard('plan', 'rollback', '20260101-000000-abcdef');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no plan run 20260101-000000-abcdef');
    const bad = await switchyard('plan', 'rollback', '../../etc');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not a plan run id');
    const none = await switchyard('plan', 'rollback');
    expect(none.code).toBe(2);
  });
});
