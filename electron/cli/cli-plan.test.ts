import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGit } from '../git/core';
import { bundledCli, runBuiltCli } from '../test-support/built-cli';
import { makeRepo, makeTempDir } from '../test-support/temp-repo';

const repoRoot = path.resolve(__dirname, '..', '..');
// The CLI as users run it: bundled as the build does, started as a process of its own.
const cli = bundledCli('cli-plan-test');
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir, 'repo', { 'README.md': '# Test\n', 'package.json': '{}\n', 'src/api/a.ts': '1\n' });
  const bin = path.join(temp.dir, 'bin');
  await mkdir(bin);
  await writeFile(path.join(bin, 'claude'), '#!/bin/sh\n');
  await chmod(path.join(bin, 'claude'), 0o755);
  // Every place Switchyard could keep state points inside the scratch folder, so the snapshot sees it.
  await mkdir(path.join(temp.dir, 'data'));
  await writeFile(path.join(temp.dir, 'data', 'state.json'), '{}\n');
  env = {
    ...process.env,
    NODE_PATH: path.join(repoRoot, 'node_modules'),
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: path.join(temp.dir, 'home'),
    XDG_DATA_HOME: path.join(temp.dir, 'home', '.local', 'share'),
    SWITCHYARD_DATA_DIR: path.join(temp.dir, 'data'),
  };
});
afterEach(() => temp.cleanup());

const switchyard = (...args: string[]) => runBuiltCli(cli, args, { cwd: temp.dir, env });

const goodPlan = {
  base: 'main',
  worktreeRoot: '../wt',
  agent: { profile: 'claude', mode: 'headless' },
  preflight: ['git status --short'],
  verify: 'npm test',
  tasks: [
    { name: 'api', brief: { task: 'API', ownedPaths: ['src/api/**'] } },
    { name: 'ui', brief: { task: 'UI', ownedPaths: ['src/**'] }, dependsOn: ['api'] },
    { name: 'core', brief: { task: 'Core', ownedPaths: ['src/core/**', 'src/**'] } },
  ],
};

async function writePlan(name: string, plan: unknown): Promise<string> {
  const file = path.join(temp.dir, name);
  await writeFile(file, typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2));
  return file;
}

describe('switchyard plan check', () => {
  it('prints exactly {ok, errors, warnings, waves} and exits 0 when the plan is fine, warnings and all', async () => {
    const file = await writePlan('plan.json', goodPlan);
    const result = await switchyard('plan', 'check', file, '--repo', repo, '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['ok', 'errors', 'warnings', 'waves']);
    expect(out).toEqual({
      ok: true,
      errors: [],
      warnings: [
        { kind: 'overlap', tasks: ['api', 'core'], paths: ['src/api/**', 'src/**'], message: expect.any(String) },
        { kind: 'overlap', tasks: ['ui', 'core'], paths: ['src/**', 'src/core/**'], message: expect.any(String) },
      ],
      waves: [['api', 'core'], ['ui']],
    });
    for (const warning of out.warnings as object[])
      expect(Object.keys(warning)).toEqual(['kind', 'tasks', 'paths', 'message']);
  });

  it('exits 1 with every error at its path', async () => {
    await runGit(repo, ['branch', 'switchyard/api']);
    const file = await writePlan('plan.json', {
      ...goodPlan,
      base: 'nope',
      tasks: [...goodPlan.tasks.slice(0, 2), { name: 'core', brief: {}, dependsOn: ['ghost'] }],
    });
    const result = await switchyard('plan', 'check', file, '--repo', repo, '--json');
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { ok: boolean; errors: Array<{ path: string; message: string }> };
    expect(out.ok).toBe(false);
    expect(out.errors.map((e) => e.path)).toEqual(['tasks[2].dependsOn', 'base', 'tasks[0].name']);
    for (const error of out.errors) expect(Object.keys(error)).toEqual(['path', 'message']);
  });

  it("checks each attempt's agent at tasks[i].attempts[k], and refuses pick: manual in the CLI", async () => {
    const file = await writePlan('plan.json', {
      ...goodPlan,
      tasks: [
        {
          name: 'api',
          brief: { task: 'API', ownedPaths: ['src/api/**'] },
          attempts: [{ profile: 'claude' }, { profile: 'nope' }, { profile: 'codex' }],
          pick: 'manual',
        },
      ],
    });
    const result = await switchyard('plan', 'check', file, '--repo', repo, '--json');
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as { errors: Array<{ path: string; message: string }> };
    expect(out.errors).toEqual([
      { path: 'tasks[0].attempts[1].profile', message: expect.stringContaining('There is no agent profile "nope"') },
      { path: 'tasks[0].attempts[2].profile', message: expect.stringContaining('"codex", which is not installed') },
      { path: 'tasks[0].pick', message: expect.stringContaining('pick: manual needs the app') },
    ]);
    // An attempt's branch that exists already is named too.
    await runGit(repo, ['branch', 'switchyard/api/attempt-2']);
    const taken = await writePlan('taken.json', {
      ...goodPlan,
      tasks: [{ name: 'api', brief: { task: 'API' }, attempts: 2 }],
    });
    const second = JSON.parse((await switchyard('plan', 'check', taken, '--repo', repo, '--json')).stdout) as {
      errors: Array<{ path: string; message: string }>;
    };
    expect(second.errors).toEqual([
      { path: 'tasks[0].name', message: expect.stringContaining('The branch switchyard/api/attempt-2 already exists') },
    ]);
  });

  it('reports a schema error and an unreadable file in the same shape', async () => {
    const bad = await writePlan('bad.json', { base: 'main', agent: { profile: 'claude' }, tasks: [] });
    const result = await switchyard('plan', 'check', bad, '--repo', repo, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      errors: [{ path: 'tasks', message: expect.any(String) }],
      warnings: [],
      waves: [],
    });
    const missing = await switchyard('plan', 'check', path.join(temp.dir, 'none.yaml'), '--repo', repo, '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).errors).toEqual([
      { path: '', message: expect.stringContaining('There is no plan file') },
    ]);
  });

  it('reads a YAML plan to the same result as its JSON twin, and says it in words without --json', async () => {
    const json = await writePlan('plan.json', goodPlan);
    const yaml = await writePlan(
      'plan.yml',
      `base: main
worktreeRoot: ../wt
agent: { profile: claude, mode: headless }
preflight: [git status --short]
verify: npm test
tasks:
  - { name: api, brief: { task: API, ownedPaths: ["src/api/**"] } }
  - { name: ui, brief: { task: UI, ownedPaths: ["src/**"] }, dependsOn: [api] }
  - { name: core, brief: { task: Core, ownedPaths: ["src/core/**", "src/**"] } }
`,
    );
    const fromJson = await switchyard('plan', 'check', json, '--repo', repo, '--json');
    const fromYaml = await switchyard('plan', 'check', yaml, '--repo', repo, '--json');
    expect(fromYaml).toEqual(fromJson);
    const words = await switchyard('plan', 'check', yaml, '--repo', repo);
    expect(words.code).toBe(0);
    expect(words.stdout).toContain('3 task(s) in 2 wave(s)');
    expect(words.stdout).toContain('wave 2: ui');
    expect(words.stdout).toContain('! overlap: api and core own overlapping paths');
  });

  it('exits 2 on usage errors', async () => {
    const file = await writePlan('plan.json', goodPlan);
    for (const args of [
      ['plan'],
      ['plan', 'launch', file],
      ['plan', 'check'],
      ['plan', 'check', file, '--bogus'],
      ['plan', 'check', file, 'extra'],
    ]) {
      const result = await switchyard(...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toContain('Usage: switchyard plan');
    }
  });
});

describe('switchyard plan run', () => {
  it('--dry-run --json prints exactly what a run would create and start', async () => {
    const file = await writePlan('plan.json', goodPlan);
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { tasks: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['dryRun', 'target', 'waves', 'tasks', 'preflight']);
    const wt = path.join(temp.dir, 'wt');
    expect(out).toEqual({
      dryRun: true,
      target: 'main',
      waves: [['api', 'core'], ['ui']],
      tasks: [
        {
          name: 'api',
          wave: 0,
          branch: 'switchyard/api',
          worktree: path.join(wt, 'switchyard-api'),
          dependsOn: [],
          argv: expect.any(Array),
        },
        {
          name: 'core',
          wave: 0,
          branch: 'switchyard/core',
          worktree: path.join(wt, 'switchyard-core'),
          dependsOn: [],
          argv: expect.any(Array),
        },
        {
          name: 'ui',
          wave: 1,
          branch: 'switchyard/ui',
          worktree: path.join(wt, 'switchyard-ui'),
          dependsOn: ['api'],
          argv: expect.any(Array),
        },
      ],
      preflight: [['git', 'status', '--short']],
    });
    for (const task of out.tasks)
      expect(Object.keys(task)).toEqual(['name', 'wave', 'branch', 'worktree', 'dependsOn', 'argv']);
    const argv = out.tasks[2]?.argv as string[];
    expect(argv.slice(0, 3)).toEqual(['claude', '-p', '--']);
    expect(argv[3]).toContain('on the branch switchyard/ui, created from main');
    expect(argv[3]).toContain('- src/**');
  });

  it('--dry-run --json lists each attempt of a task with its branch, worktree and argv', async () => {
    const file = await writePlan('plan.json', {
      ...goodPlan,
      tasks: [
        {
          name: 'api',
          brief: { task: 'API', ownedPaths: ['src/api/**'] },
          attempts: [
            { profile: 'claude', mode: 'headless' },
            { profile: 'custom', command: ['sh', '-c', 'true'] },
          ],
        },
      ],
    });
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run', '--json');
    expect(result.code).toBe(0);
    const wt = path.join(temp.dir, 'wt');
    const out = JSON.parse(result.stdout) as { tasks: Array<Record<string, unknown>> };
    expect(out.tasks[0]?.attempts).toEqual([
      {
        attempt: 1,
        branch: 'switchyard/api/attempt-1',
        worktree: path.join(wt, 'switchyard-api-attempt-1'),
        argv: ['claude', '-p', '--', expect.stringContaining('on the branch switchyard/api/attempt-1')],
      },
      {
        attempt: 2,
        branch: 'switchyard/api/attempt-2',
        worktree: path.join(wt, 'switchyard-api-attempt-2'),
        argv: ['sh', '-c', 'true'],
      },
    ]);
    const words = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run');
    expect(words.stdout).toContain('api: 2 attempts, the one picked lands');
    expect(words.stdout).toContain(`switchyard/api/attempt-2 in ${path.join(wt, 'switchyard-api-attempt-2')}`);
  });

  it('--dry-run changes nothing: the repository, its .git, the data folder and the places around them stay byte for byte', async () => {
    const file = await writePlan(
      'plan.yaml',
      `base: main\nagent: {profile: claude}\ntasks: [{name: api, brief: {ownedPaths: [src/api/**]}}]\n`,
    );
    const before = await snapshot(temp.dir);
    expect(before.has('repo/.git/HEAD')).toBe(true);
    expect(before.has('data/state.json')).toBe(true);
    const words = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run');
    const json = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run', '--json');
    const checked = await switchyard('plan', 'check', file, '--repo', repo);
    expect([words.code, json.code, checked.code]).toEqual([0, 0, 0]);
    expect(words.stdout).toContain('Dry run — nothing was created or changed');
    expect(JSON.parse(json.stdout).tasks[0].worktree).toBe(path.join(`${repo}.worktrees`, 'switchyard-api'));
    expect(await snapshot(temp.dir)).toEqual(before);
  });

  it("uses the app's custom profiles and, for an open project, its worktree folder and prompt template — reading the state file only", async () => {
    const state = {
      version: 1,
      projects: [
        {
          id: 'p1',
          name: 'repo',
          path: repo,
          currentBranch: 'main',
          worktreeRoot: path.join(temp.dir, 'elsewhere'),
          openedAt: '2026-01-01T00:00:00.000Z',
          promptTemplate: 'Do {{task}} on {{branch}}.',
        },
      ],
      threads: [],
      customProfiles: [
        { id: 'custom-mine', label: 'Mine', binary: 'claude', args: ['--mine'], promptArgs: ['{prompt}'] },
      ],
    };
    await writeFile(path.join(temp.dir, 'data', 'state.json'), JSON.stringify(state));
    const file = await writePlan('plan.json', {
      base: 'main',
      agent: { profile: 'custom-mine' },
      tasks: [{ name: 'api', brief: { task: 'the API', ownedPaths: ['src/api/**'] } }],
    });
    const before = await snapshot(temp.dir);
    const result = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).tasks[0]).toMatchObject({
      worktree: path.join(temp.dir, 'elsewhere', 'switchyard-api'),
      argv: ['claude', '--mine', 'Do the API on switchyard/api.'],
    });
    expect(await snapshot(temp.dir)).toEqual(before);
    // The project's hazard list (review settings) replaces the default one.
    const twoOwners = await writePlan('two.json', {
      base: 'main',
      agent: { profile: 'claude' },
      tasks: [
        { name: 'a', brief: { ownedPaths: ['README.md'] } },
        { name: 'b', brief: { ownedPaths: ['README.md'] } },
      ],
    });
    const kinds = async () =>
      (
        JSON.parse((await switchyard('plan', 'check', twoOwners, '--repo', repo, '--json')).stdout) as {
          warnings: Array<{ kind: string; paths: string[] }>;
        }
      ).warnings.map((w) => `${w.kind} ${w.paths.join(',')}`);
    expect(await kinds()).toEqual(['overlap README.md']);
    await writeFile(
      path.join(temp.dir, 'data', 'review.json'),
      JSON.stringify({
        version: 1,
        comments: [],
        runs: [],
        settings: { p1: { hazardPatterns: ['*.md'], verificationShell: null } },
      }),
    );
    expect(await kinds()).toEqual(['overlap README.md', 'hazard README.md']);
    // Another data folder knows no such profile.
    const elsewhere = await switchyard(
      'plan',
      'check',
      file,
      '--repo',
      repo,
      '--data-dir',
      path.join(temp.dir, 'none'),
      '--json',
    );
    expect(elsewhere.code).toBe(1);
    expect(JSON.parse(elsewhere.stdout).errors).toEqual([
      { path: 'agent.profile', message: expect.stringContaining('There is no agent profile "custom-mine"') },
    ]);
    await expect(lstat(path.join(temp.dir, 'none'))).rejects.toThrow();
  });

  it('a plan with errors prints the check and exits 1, with --dry-run or without', async () => {
    const file = await writePlan('plan.json', { ...goodPlan, base: 'nope' });
    const dry = await switchyard('plan', 'run', file, '--repo', repo, '--dry-run', '--json');
    expect(dry.code).toBe(1);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: false, errors: [{ path: 'base' }] });
    const real = await switchyard('plan', 'run', file, '--repo', repo, '--json');
    expect(real.code).toBe(1);
    expect(JSON.parse(real.stdout)).toMatchObject({ ok: false, errors: [{ path: 'base' }] });
    expect(await runGit(repo, ['for-each-ref', 'refs/switchyard/']).then((r) => r.stdout)).toBe('');
  });
});

/** Every file, folder and link under `root` with its type, mode, size, modification time and content hash. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full);
      const info = await lstat(full);
      const stamp = `${info.mode}:${info.size}:${info.mtimeMs}`;
      if (info.isDirectory()) {
        entries.set(rel, `dir:${stamp}`);
        await walk(full);
      } else if (info.isSymbolicLink()) {
        entries.set(rel, `link:${await readlink(full)}`);
      } else {
        entries.set(
          rel,
          `file:${stamp}:${createHash('sha256')
            .update(await readFile(full))
            .digest('hex')}`,
        );
      }
    }
  };
  await walk(root);
  return entries;
}
