import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitOutput } from '../git/core';
import { bundleNodeScript } from '../test-support/bundle-script';
import { makeRepo, makeTempDir, tip } from '../test-support/temp-repo';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..');
let bundle: Awaited<ReturnType<typeof makeTempDir>>;
let cli: string;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let env: NodeJS.ProcessEnv;

// The CLI as users run it: bundled as the build does, started as a process of its own.
beforeAll(async () => {
  bundle = await makeTempDir('switchyard-cli-');
  cli = path.join(bundle.dir, 'cli.cjs');
  await bundleNodeScript(path.join(repoRoot, 'electron', 'cli', 'switchyard.ts'), cli);
}, 60_000);
afterAll(() => bundle.cleanup());

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

async function switchyard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd: temp.dir, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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
