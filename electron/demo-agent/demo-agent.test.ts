/**
 * The bundled program, end to end: built here with esbuild (never from dist/), run in a real
 * pty the way the app runs it, against real temp git repos.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawn, type IPty } from 'node-pty';
import { drainBeforeClose } from '../terminals/exit-drain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleDemoAgent,
  execFileResult,
  git,
  gitTestEnv,
  makeTempDir,
  makeTempRepo,
  removeTempDirs,
} from '../test-support/demo-agent';

let bundleDir: string;
let bundle: string;

beforeAll(async () => {
  bundleDir = await makeTempDir('demo-agent-bundle-');
  bundle = path.join(bundleDir, 'demo-agent.cjs');
  await bundleDemoAgent(bundle);
});

afterAll(async () => {
  await removeTempDirs();
});

interface PtyRun {
  readonly pty: IPty;
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  readonly exit: Promise<number>;
}

function runInPty(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = gitTestEnv()): PtyRun {
  const cleanEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
  const pty = spawn(process.execPath, [bundle, ...args], {
    name: 'xterm-256color',
    cols: 100,
    rows: 30,
    cwd,
    env: cleanEnv,
  });
  let text = '';
  let lastOutputAt = Date.now();
  // As the app does (terminals/exit-drain.ts): node-pty alone can lose a program's last output at its exit.
  drainBeforeClose(pty, () => lastOutputAt);
  const watchers = new Set<() => void>();
  pty.onData((data) => {
    lastOutputAt = Date.now();
    text += data;
    for (const watcher of watchers) watcher();
  });
  const exit = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  return {
    pty,
    output: () => text,
    exit,
    waitFor(needle, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!text.includes(needle)) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`Timed out waiting for ${JSON.stringify(needle)}; output so far:\n${text}`));
        }, timeoutMs);
        watchers.add(check);
        check();
        void exit.then(() => setTimeout(check, 50));
      });
    },
  };
}

describe('the bundled demo agent in a real pty', () => {
  it('feature: waits for the (y/n) answer, then writes, commits and exits 0', async () => {
    const repo = await makeTempRepo();
    const run = runInPty(['--scenario', 'feature', 'Add', 'a', 'login', 'page'], repo);
    await run.waitFor('? Apply this edit? (y/n) ');
    expect(run.output()).toContain('Switchyard demo agent — scenario feature');
    expect(run.output()).toContain('Thinking about the task: Add a login page');
    // It really waits: nothing is committed until the answer is typed.
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Initial commit');
    run.pty.write('y\r');
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain('Done.');
    expect(await readFile(path.join(repo, 'demo/add-a-login-page.md'), 'utf8')).toContain('Add a login page');
    expect(await git(repo, ['log', '--format=%s'])).toBe('Add add-a-login-page notes\nInitial commit');
    const shortSha = await git(repo, ['rev-parse', '--short', 'HEAD']);
    expect(run.output()).toContain(`Committed ${shortSha}: Add add-a-login-page notes`);
  });

  it('feature: re-asks after garbage, and n stops it with exit 2 and no commit', async () => {
    const repo = await makeTempRepo();
    const run = runInPty(['fix', 'it'], repo);
    await run.waitFor('(y/n) ');
    run.pty.write('perhaps\r');
    await run.waitFor('Please answer y or n.');
    run.pty.write('n\r');
    expect(await run.exit).toBe(2);
    expect(run.output()).toContain('Stopped: the dispatcher declined.');
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Initial commit');
  });

  it('echo: prints back what is typed until /done', async () => {
    const repo = await makeTempRepo();
    const run = runInPty(['--scenario', 'echo'], repo);
    await run.waitFor('Send /done to finish.');
    run.pty.write('hello from the app\r');
    await run.waitFor('received: hello from the app');
    run.pty.write('/done\r');
    expect(await run.exit).toBe(0);
    expect(run.output()).not.toContain('received: /done');
  });

  it('fail: exits 1', async () => {
    const repo = await makeTempRepo();
    const run = runInPty(['--scenario', 'fail'], repo);
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('Error: the demo agent was told to fail');
  });

  it('flood: delivers every byte through the pty before exiting', async () => {
    const repo = await makeTempRepo();
    await writeFile(
      path.join(repo, 'flood.json'),
      JSON.stringify({ name: 'flood', steps: [{ flood: { bytes: 300_000 } }, { print: 'END-OF-FLOOD' }] }),
    );
    const run = runInPty(['--scenario', 'flood.json'], repo);
    expect(await run.exit).toBe(0);
    await run.waitFor('END-OF-FLOOD');
    // The pty turns each "\n" into "\r\n": 300 000 bytes = 3750 lines of 80.
    const floodLines = run
      .output()
      .split('\r\n')
      .filter((line) => line.startsWith('flood '));
    expect(floodLines).toHaveLength(3750);
    expect(floodLines.at(-1)).toMatch(/^flood 00003749 /);
  });
});

describe('the bundled demo agent as a plain process', () => {
  it('prints usage for --help and exits 0', async () => {
    const result = await execFileResult(process.execPath, [bundle, '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: demo-agent [--scenario <name | file.json>] [prompt text...]');
  });

  it('exits 3 naming the bad step of a scenario file, before printing the banner', async () => {
    const cwd = await makeTempDir();
    await writeFile(
      path.join(cwd, 'bad.json'),
      JSON.stringify({ name: 'bad', steps: [{ print: 'x' }, { ask: 'Go?', onNo: 'maybe' }] }),
    );
    const result = await execFileResult(process.execPath, [bundle, '--scenario', 'bad.json'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('step 2');
    expect(result.stderr).toContain('(ask): onNo');
    expect(result.stdout).toBe('');
  });

  it('commits as the demo identity when git has no user configured', async () => {
    const repo = await makeTempRepo({ identity: false });
    const emptyGlobalConfig = path.join(await makeTempDir(), 'gitconfig');
    await writeFile(emptyGlobalConfig, '');
    const env = gitTestEnv({
      GIT_CONFIG_GLOBAL: emptyGlobalConfig,
      GIT_AUTHOR_NAME: '',
      GIT_AUTHOR_EMAIL: '',
      GIT_COMMITTER_NAME: '',
      GIT_COMMITTER_EMAIL: '',
      EMAIL: '',
    });
    for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL'])
      delete env[key];
    expect((await execFileResult('git', ['config', 'user.email'], { cwd: repo, env })).exitCode).not.toBe(0);

    const result = await execFileResult(process.execPath, [bundle, '--scenario', 'quick', 'no identity'], {
      cwd: repo,
      env,
    });
    expect(result.exitCode).toBe(0);
    expect(await git(repo, ['log', '-1', '--format=%an <%ae>|%s'], env)).toBe(
      'Switchyard Demo Agent <demo-agent@switchyard.invalid>|Add quick no-identity note',
    );
  });

  // Electron's binary is only present when its postinstall download ran.
  const electronBinary = (() => {
    try {
      const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
      const binary = path.join(electronDir, 'dist', readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim());
      return existsSync(binary) ? binary : null;
    } catch {
      return null;
    }
  })();

  it.skipIf(electronBinary === null)('runs under Electron with ELECTRON_RUN_AS_NODE=1', async () => {
    const repo = await makeTempRepo();
    const result = await execFileResult(electronBinary!, [bundle, '--scenario', 'quick', 'electron'], {
      cwd: repo,
      env: gitTestEnv({ ELECTRON_RUN_AS_NODE: '1' }),
    });
    expect(result.exitCode).toBe(0);
    expect(await git(repo, ['log', '-1', '--format=%s'])).toBe('Add quick electron note');
  });
});
