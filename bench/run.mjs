// `npm run bench [-- --json] [-- name…]`: bundles the TypeScript benchmarks with esbuild (as
// scripts/build.mjs bundles the main process) into a temp folder, then runs each in a process of
// its own, one after another, so they never compete for the cores. See README.md, "Performance".
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const benchmarks = [
  'terminal-throughput',
  'echo-latency',
  'idle-threads',
  'large-diff',
  'conflict-matrix',
  'reattach',
].filter((name) => existsSync(path.join(root, 'bench', `${name}.ts`)));
/** Entry points the benchmarks start as processes of their own (found beside them by name). */
const helpers = { 'bench-host': 'bench/host/host-entry.ts', 'flood-watcher': 'bench/support/flood-watcher-main.ts' };
const interruptedCode = 130;

const args = process.argv.slice(2);
const json = args.includes('--json');
const named = args.filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !benchmarks.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; there are: ${benchmarks.join(', ')}`);
  process.exit(2);
}
const selected = named.length > 0 ? named : benchmarks;

let running = null;
let interrupted = false;
// Ctrl-C or a kill: the running benchmark gets the signal and cleans up (agents, browser, temp folders).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    running?.kill(signal);
  });
}

const started = performance.now();
const failed = [];
const outDir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-bench-build-'));
try {
  await build({
    absWorkingDir: root,
    entryPoints: { ...Object.fromEntries(selected.map((name) => [name, `bench/${name}.ts`])), ...helpers },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    // Packages load from the checkout's node_modules (NODE_PATH below): node-pty is native, and
    // Playwright's config helpers stay the very modules the end-to-end tests use.
    packages: 'external',
    logLevel: 'warning',
  });
  for (const name of selected) {
    if (interrupted) break;
    process.stderr.write(`${name}…\n`);
    const code = await runBenchmark(path.join(outDir, `${name}.cjs`));
    if (code !== 0 && code !== interruptedCode) failed.push(name);
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
if (interrupted) process.exit(interruptedCode);

const seconds = Math.round((performance.now() - started) / 1000);
const summary = `${selected.length - failed.length} of ${selected.length} benchmarks ran in ${seconds} s`;
// With --json, stdout carries nothing but the figures.
if (json) process.stderr.write(`${summary}\n`);
else console.log(summary);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}

function runBenchmark(file) {
  return new Promise((resolve) => {
    running = spawn(process.execPath, ['--enable-source-maps', file, ...(json ? ['--json'] : [])], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules'), BENCH_REPO_ROOT: root },
    });
    running.on('exit', (code, signal) => {
      running = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
