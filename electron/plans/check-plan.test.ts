import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PlanInput, PlanSchema } from '../../shared/plan';
import { builtinProfiles } from '../agents/builtin-profiles';
import { runGit } from '../git/core';
import { commitAll, makeRepo, makeTempDir, writeFiles } from '../test-support/temp-repo';
import { checkPlan } from './check-plan';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let repo: string;
let bin: string;
const profiles = builtinProfiles({
  demoAgentScript: '/opt/switchyard/demo-agent.cjs',
  nodeExecutable: process.execPath,
  runningInElectron: false,
});

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir, 'repo', {
    'README.md': '# Test\n',
    'package.json': '{}\n',
    'package-lock.json': '{}\n',
    'src/api/a.ts': 'export {};\n',
  });
  // A PATH holding a "claude" and nothing else: installed and missing agents, on any machine.
  bin = path.join(temp.dir, 'bin');
  await mkdir(bin);
  await writeFile(path.join(bin, 'claude'), '#!/bin/sh\n');
  await chmod(path.join(bin, 'claude'), 0o755);
});
afterEach(() => temp.cleanup());

function plan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    base: 'main',
    agent: { profile: 'claude' },
    tasks: [
      { name: 'api', brief: { task: 'API', ownedPaths: ['src/api/**'] } },
      { name: 'ui', brief: { task: 'UI', ownedPaths: ['src/ui/**'] }, dependsOn: ['api'] },
      { name: 'docs', brief: { task: 'Docs', ownedPaths: ['docs/**'] } },
    ],
    ...overrides,
  };
}

async function check(input: PlanInput) {
  return checkPlan(PlanSchema.parse(input), { repo, profiles, envPath: bin });
}

describe('checkPlan', () => {
  it('passes a sound plan, with its waves and what a run would do', async () => {
    const { result, resolved } = await check(plan());
    expect(result).toEqual({ ok: true, errors: [], warnings: [], waves: [['api', 'docs'], ['ui']] });
    expect(resolved?.tasks.map((t) => [t.name, t.wave, t.branch, t.worktree])).toEqual([
      ['api', 0, 'switchyard/api', path.join(`${repo}.worktrees`, 'switchyard-api')],
      ['docs', 0, 'switchyard/docs', path.join(`${repo}.worktrees`, 'switchyard-docs')],
      ['ui', 1, 'switchyard/ui', path.join(`${repo}.worktrees`, 'switchyard-ui')],
    ]);
    expect(resolved?.tasks[0]?.argv[0]).toBe('claude');
    expect(resolved?.tasks[0]?.argv.at(-1)).toContain('# Task\nAPI');
  });

  it('refuses an unknown agent profile, at the path that names it', async () => {
    const { result } = await check(plan({ agent: { profile: 'nonesuch' } }));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: 'agent.profile', message: expect.stringContaining('There is no agent profile "nonesuch"') },
    ]);
  });

  it('refuses an agent whose program is not installed, once per place it is named', async () => {
    const input = plan();
    input.tasks[2] = { name: 'docs', brief: { ownedPaths: ['docs/**'] }, agent: { profile: 'codex' } };
    input.tasks.push({
      name: 'tool',
      brief: { ownedPaths: ['tools/**'] },
      agent: { profile: 'custom', command: ['no-such-tool-xyz', '--go'] },
    });
    const { result } = await check(input);
    expect(result.errors).toEqual([
      { path: 'tasks[2].agent.profile', message: expect.stringContaining('needs "codex", which is not installed') },
      {
        path: 'tasks[3].agent.command',
        message: expect.stringContaining('needs "no-such-tool-xyz", which is not installed'),
      },
    ]);
  });

  it('refuses an approval mode or run mode the profile does not have', async () => {
    const { result } = await check(plan({ agent: { profile: 'claude', approval: 'yolo' } }));
    expect(result.errors).toEqual([{ path: 'agent', message: expect.stringContaining('has no approval mode "yolo"') }]);
    const shell = await check(plan({ agent: { profile: 'shell', mode: 'headless' } }));
    expect(shell.result.errors).toEqual([{ path: 'agent', message: expect.stringContaining('has no headless mode') }]);
  });

  it('refuses a dependency on an unknown task', async () => {
    const input = plan();
    input.tasks[1] = { ...input.tasks[1]!, dependsOn: ['api', 'ghost'] };
    const { result } = await check(input);
    expect(result.errors).toEqual([
      {
        path: 'tasks[1].dependsOn',
        message: expect.stringContaining('ui depends on "ghost", which is not a task in this plan'),
      },
    ]);
    expect(result.waves).toEqual([['api', 'docs'], ['ui']]);
  });

  it('names a cycle', async () => {
    const input = plan();
    input.tasks[0] = { ...input.tasks[0]!, dependsOn: ['ui'] };
    const { result } = await check(input);
    expect(result.errors).toEqual([
      {
        path: 'tasks[0].dependsOn',
        message: 'Tasks depend on each other in a cycle: api → ui → api. Remove one of these dependencies.',
      },
    ]);
    expect(result.waves).toEqual([['docs']]);
  });

  it('refuses a task whose branch or worktree folder exists already', async () => {
    await runGit(repo, ['branch', 'switchyard/ui']);
    await mkdir(path.join(`${repo}.worktrees`, 'switchyard-docs'), { recursive: true });
    const { result } = await check(plan());
    expect(result.errors).toEqual([
      { path: 'tasks[1].name', message: expect.stringContaining('The branch switchyard/ui already exists') },
      {
        path: 'tasks[2].name',
        message: expect.stringContaining(`The folder ${repo}.worktrees/switchyard-docs already exists`),
      },
    ]);
  });

  it('refuses a base that does not exist, and a worktree root inside .git', async () => {
    const { result } = await check(plan({ base: 'develop', worktreeRoot: '.git/wt' }));
    expect(result.errors).toEqual([
      { path: 'base', message: expect.stringContaining('The base branch "develop" does not exist') },
      { path: 'worktreeRoot', message: expect.stringContaining('inside a .git folder') },
    ]);
  });

  it('refuses a string command with shell syntax unless the plan names a shell', async () => {
    const input = plan({ preflight: ['git status --short', 'npm test | tee log'], verify: 'npm test && npm run lint' });
    const { result } = await check(input);
    expect(result.errors).toEqual([
      { path: 'preflight[1]', message: expect.stringContaining('uses shell syntax (|)') },
      { path: 'verify', message: expect.stringContaining('uses shell syntax (&)') },
    ]);
    const withShell = await check({ ...input, shell: '/bin/sh' });
    expect(withShell.result.errors).toEqual([]);
    expect(withShell.resolved?.preflight).toEqual([
      ['/bin/sh', '-c', 'git status --short'],
      ['/bin/sh', '-c', 'npm test | tee log'],
    ]);
  });

  it('warns about overlapping owned paths, shared and unowned hazard files, a task owning nothing, and a new target', async () => {
    const { result } = await check(
      plan({
        target: 'integration/q1',
        tasks: [
          { name: 'core', brief: { ownedPaths: ['src/**', 'package.json'] } },
          { name: 'api', brief: { ownedPaths: ['src/api/**', 'package.json'] } },
          { name: 'vague', brief: { task: 'Tidy up' } },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.kind, w.tasks, w.paths])).toEqual([
      ['new-target', [], []],
      ['overlap', ['core', 'api'], ['src/**', 'package.json', 'src/api/**']],
      ['no-owned-paths', ['vague'], []],
      ['hazard', ['core', 'api'], ['package.json']],
      ['hazard-unowned', ['core', 'api'], ['package-lock.json']],
    ]);
  });

  it('looks for hazard files on the target when it exists, since tasks start from it', async () => {
    await runGit(repo, ['checkout', '--quiet', '-b', 'integration/q1']);
    await writeFiles(repo, { 'web/yarn.lock': '#\n' });
    await commitAll(repo, 'web');
    await runGit(repo, ['checkout', '--quiet', 'main']);
    const tasks = [
      { name: 'a', brief: { ownedPaths: ['web/**'] } },
      { name: 'b', brief: { ownedPaths: ['web/**'] } },
    ];
    const hazards = async (target: string) =>
      (await check(plan({ target, tasks }))).result.warnings.filter((w) => w.kind === 'hazard').map((w) => w.paths);
    expect(await hazards('main')).toEqual([]);
    expect(await hazards('integration/q1')).toEqual([['web/yarn.lock']]);
  });

  it('changes nothing in the repository: no branch, folder or ref', async () => {
    const refsBefore = (await runGit(repo, ['for-each-ref'])).stdout;
    const { resolved } = await check(plan());
    expect(resolved).not.toBeNull();
    expect((await runGit(repo, ['for-each-ref'])).stdout).toBe(refsBefore);
    await expect(import('node:fs/promises').then((fs) => fs.stat(`${repo}.worktrees`))).rejects.toThrow();
  });
});
