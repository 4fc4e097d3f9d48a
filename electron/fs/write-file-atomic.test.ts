import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LatestFileWriter, writeFileAtomic, writeFileAtomicSync } from './write-file-atomic';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const big = (n: number) => JSON.stringify({ n, fill: 'x'.repeat(2_000_000) });

describe('writeFileAtomic', () => {
  it('replaces the file with the given mode and leaves no temporary file', async () => {
    const file = path.join(dir, 'agents.json');
    await writeFileAtomic(file, '[1]', { mode: 0o644 });
    await writeFileAtomic(file, '[1,2]');
    expect(await readFile(file, 'utf8')).toBe('[1,2]');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['agents.json']);
  });

  it('has a form that is done before it returns, for what must be on disk before anything else runs', async () => {
    const file = path.join(dir, 'agents.json');
    writeFileAtomicSync(file, '[7]');
    expect(readFileSync(file, 'utf8')).toBe('[7]');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(() => writeFileAtomicSync(path.join(dir, 'missing', 'x.json'), '[]')).toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual(['agents.json']);
  });

  it('a reader never sees half a file while it is rewritten', async () => {
    const file = path.join(dir, 'state.json');
    await writeFileAtomic(file, big(0));
    let writing = true;
    const writer = (async () => {
      for (let n = 1; n <= 20; n++) await writeFileAtomic(file, big(n));
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
  });

  it('a writer killed (kill -9) in the middle of writing leaves the previous file whole', async () => {
    const file = path.join(dir, 'agents.json');
    await writeFileAtomic(file, big(0));
    // A real process rewriting the file as fast as it can, killed at an arbitrary moment.
    const script = `
      const { writeFileAtomic } = require(${JSON.stringify(path.join(dir, 'writer.cjs'))});
      let n = 1;
      (async () => { for (;;) await writeFileAtomic(${JSON.stringify(file)}, (${big.toString()})(n++)); })();
      setTimeout(() => process.stdout.write('writing'), 50);`;
    await bundleForChild(path.join(dir, 'writer.cjs'));
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise((resolve) => child.stdout.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 17));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { n: number; fill: string };
      expect(parsed.fill).toHaveLength(2_000_000);
    }
  }, 30_000);
});

describe('LatestFileWriter', () => {
  it('ends with the latest content however many writes overlap, one write at a time', async () => {
    const file = path.join(dir, 'finished.json');
    let value = 0;
    const writer = new LatestFileWriter(file, () => JSON.stringify({ value }));
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      value = i;
      writes.push(writer.write());
    }
    await Promise.all(writes);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ value: 49 });
    expect(await readdir(dir)).toEqual(['finished.json']);
  });

  it('a write asked for after the content changed is waited for by its caller', async () => {
    const file = path.join(dir, 'finished.json');
    let value = 'first';
    const writer = new LatestFileWriter(file, () => value);
    const first = writer.write();
    value = 'second';
    await writer.write();
    expect(await readFile(file, 'utf8')).toBe('second');
    await first;
  });
});

/** The module as CommonJS for a child `node -e` (esbuild is what the project builds with). */
async function bundleForChild(out: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(__dirname, 'write-file-atomic.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'silent',
  });
}
