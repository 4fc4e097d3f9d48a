import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNodeScript } from '../test-support/bundle-script';
import { makeTempDir, waitFor } from '../test-support/temp-repo';
import { runVerification } from './run-verification';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let host: string;

/** Pids of live processes whose argv is exactly `argv` (zombies count as gone). */
async function processesRunning(argv: readonly string[]): Promise<number[]> {
  const wanted = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const [cmdline, stat] = await Promise.all([
      readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => ''),
      readFile(`/proc/${name}/stat`, 'utf8').catch(() => ''),
    ]);
    // The state is the field after the parenthesised command name.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (cmdline === wanted && state !== 'Z' && state !== '') found.push(Number(name));
  }
  return found;
}

beforeAll(async () => {
  temp = await makeTempDir('run-verification-');
  // A stand-in for the host: it starts a verification and is then killed with -9.
  const entry = path.join(temp.dir, 'host.ts');
  await writeFile(
    entry,
    `import { runVerification } from ${JSON.stringify(path.resolve(__dirname, 'run-verification'))};\n` +
      `void runVerification(process.argv.slice(2), process.cwd());\n` +
      `setInterval(() => undefined, 1000);\n`,
  );
  host = path.join(temp.dir, 'host.cjs');
  await bundleNodeScript(entry, host);
}, 60_000);

afterAll(() => temp.cleanup());

describe('a verification tied to its host', () => {
  it('is gone within seconds after the host is killed with -9', async () => {
    const command = ['sleep', `${60 + Math.round(Math.random() * 1000) / 1000}`];
    const child = spawn(process.execPath, [host, ...command], { cwd: temp.dir, stdio: 'ignore' });
    const [sleeping] = await waitFor(async () => {
      const pids = await processesRunning(command);
      return pids.length ? pids : null;
    }, 'the verification to start');
    expect(sleeping).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await waitFor(
      async () => (await processesRunning(command)).length === 0,
      'the verification to end with its host',
      5000,
    );
  });

  it('stops a command that outlives its timeout, even one that ignores SIGTERM, and fails it', async () => {
    const started = Date.now();
    const result = await runVerification(
      ['/bin/sh', '-c', 'trap "" TERM; echo waiting; sleep 30'],
      temp.dir,
      () => undefined,
      500,
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('waiting');
    expect(result.output).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('passes on exit 0, fails otherwise, and says when the command does not exist', async () => {
    expect((await runVerification(['node', '-e', 'console.log("fine")'], temp.dir)).ok).toBe(true);
    const failed = await runVerification(['node', '-e', 'console.error("bad"); process.exit(4)'], temp.dir);
    expect(failed).toMatchObject({ ok: false, exitCode: 4 });
    expect(failed.output).toContain('bad');
    const missing = await runVerification(['no-such-command-here'], temp.dir);
    expect(missing.ok).toBe(false);
    expect(missing.output).toContain('no-such-command-here: command not found');
  });
});
