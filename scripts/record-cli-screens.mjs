// Records what the real agent CLIs put on screen when they start with no credentials and no network,
// as raw pty output, so the status tests replay real screens instead of guessed ones.
//
// How to re-record (nothing is installed into the project):
//   mkdir -p /tmp/clis && cd /tmp/clis && npm init -y
//   npm install @openai/codex @anthropic-ai/claude-code @google/gemini-cli opencode-ai \
//     @qwen-code/qwen-code @sourcegraph/amp
//   # npm 11 skips install scripts until approved; claude, opencode and amp fetch their binary in one:
//   npm install-scripts approve @anthropic-ai/claude-code opencode-ai @ampcode/cli && npm rebuild
//   # (or list them under "allowScripts" in /tmp/clis/package.json, then npm rebuild)
//   cd <this repo> && node scripts/record-cli-screens.mjs --clis /tmp/clis [--only codex,gemini-trust] [--seconds 15]
// On Node 20 npm picks the newest release that still runs there (e.g. older claude-code and qwen-code).
// Then update the expectations in electron/status/recorded-screens.test.ts if a screen changed.
//
// Each situation runs in a fresh git repository with HOME (and the XDG folders) in a fresh temp
// folder, so no real configuration or credential is read or touched, and with an environment built
// from scratch (no API keys leak in). A headless xterm answers the terminal's queries (cursor
// position, device attributes, colours) as the app's own xterm does, so the TUIs draw what a person sees.
// Output: electron/status/fixtures/<tool>-<situation>.txt (the raw bytes, as the pty gave them) and
// <tool>-<situation>.json (version, argv, exit code, size, and when each chunk arrived, so tests can
// replay the output with its real timing).
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const run = promisify(execFile);

const { values: options } = parseArgs({
  options: {
    clis: { type: 'string', default: '/tmp/clis' },
    only: { type: 'string' },
    seconds: { type: 'string', default: '15' },
    cols: { type: 'string', default: '120' },
    rows: { type: 'string', default: '36' },
    out: { type: 'string', default: path.join(root, 'electron', 'status', 'fixtures') },
  },
});
const clisDir = path.resolve(options.clis);
const cols = Number(options.cols);
const rows = Number(options.rows);
const defaultSeconds = Number(options.seconds);

/** node-pty comes from the project; @xterm/headless from the project, else from the CLIs folder. */
function load(name) {
  for (const base of [root, clisDir]) {
    try {
      return createRequire(path.join(base, 'package.json'))(name);
    } catch {
      // try the next place
    }
  }
  throw new Error(`Cannot load ${name} from ${root} or ${clisDir}`);
}
const pty = load('node-pty');
const { Terminal } = load('@xterm/headless');

/**
 * What to run. `repo` in argv is replaced by the temp repository's path. `keys` are typed after a
 * delay, for screens that come after an answer.
 */
const situations = [
  { tool: 'codex', pkg: '@openai/codex', situation: 'sign-in', argv: ['codex', '--no-daemon', '-C', 'repo'] },
  {
    tool: 'codex',
    pkg: '@openai/codex',
    situation: 'exec-offline',
    argv: ['codex', 'exec', '-C', 'repo', 'say hi'],
  },
  { tool: 'claude', pkg: '@anthropic-ai/claude-code', situation: 'offline', argv: ['claude'] },
  { tool: 'claude', pkg: '@anthropic-ai/claude-code', situation: 'print-offline', argv: ['claude', '-p', 'say hi'] },
  { tool: 'gemini', pkg: '@google/gemini-cli', situation: 'trust', argv: ['gemini'] },
  {
    tool: 'gemini',
    pkg: '@google/gemini-cli',
    situation: 'auth-after-trust',
    argv: ['gemini'],
    keys: [
      { afterMs: 6000, data: '1' },
      { afterMs: 7000, data: '\r' },
    ],
  },
  { tool: 'gemini', pkg: '@google/gemini-cli', situation: 'print-no-auth', argv: ['gemini', '-p', 'say hi'] },
  // OpenCode takes a while to draw its first screen; it works on a prompt for about a minute offline.
  { tool: 'opencode', pkg: 'opencode-ai', situation: 'ready', argv: ['opencode', 'repo'], seconds: 25 },
  {
    tool: 'opencode',
    pkg: 'opencode-ai',
    situation: 'prompt-offline',
    argv: ['opencode', 'repo', '--prompt', 'say hi'],
    seconds: 30,
  },
  { tool: 'qwen', pkg: '@qwen-code/qwen-code', situation: 'provider-picker', argv: ['qwen'] },
  { tool: 'qwen', pkg: '@qwen-code/qwen-code', situation: 'print-no-auth', argv: ['qwen', 'say hi'] },
  { tool: 'amp', pkg: '@sourcegraph/amp', situation: 'login', argv: ['amp'] },
  // Limits: Codex pointed at a local server that answers every request with a 429 "usage_limit_reached"
  // (as ChatGPT's backend does at a plan's limit, resets in 3 h), through a custom provider.
  ...['exec', 'tui'].map((how) => ({
    tool: 'codex',
    pkg: '@openai/codex',
    situation: how === 'exec' ? 'exec-usage-limit' : 'usage-limit',
    argv: [
      'codex',
      ...(how === 'exec' ? ['exec', '--skip-git-repo-check'] : ['--no-daemon']),
      '-C',
      'repo',
      '-c',
      'model_provider="limited"',
      '-c',
      'model_providers.limited={name="limited",base_url="http://127.0.0.1:PORT/v1",env_key="OPENAI_API_KEY",wire_api="responses"}',
      'say hi',
    ],
    env: { OPENAI_API_KEY: 'sk-recorder-not-a-key' },
    limitServer: 'usage',
    // The TUI asks to trust the folder first: Enter trusts it, then the prompt goes.
    ...(how === 'tui' ? { keys: [{ afterMs: 5000, data: '\r' }] } : {}),
    seconds: 20,
  })),
  // Gemini CLI with an API key, pointed at a local server answering 429 RESOURCE_EXHAUSTED with a
  // per-day QuotaFailure (as Google's API does at a free tier's daily limit).
  // Claude Code with an API key (onboarding, key and folder trust already done), pointed at a local
  // server answering 429: a plain rate limit, and a subscription's session limit (the unified
  // rate-limit headers, rejected, resetting in 3 h). It retries both on screen.
  ...['rate-limit-retry', 'session-limit-retry'].map((situation) => ({
    tool: 'claude',
    pkg: '@anthropic-ai/claude-code',
    situation,
    argv: ['claude', 'say hi'],
    env: { ANTHROPIC_API_KEY: 'sk-ant-not-a-key', ANTHROPIC_BASE_URL: 'http://127.0.0.1:PORT' },
    settings: {
      '.claude.json': (repo) => ({
        hasCompletedOnboarding: true,
        theme: 'dark',
        customApiKeyResponses: { approved: ['sk-ant-not-a-key'], rejected: [] },
        projects: { [repo]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } },
      }),
    },
    limitServer: situation === 'rate-limit-retry' ? 'anthropic-rate-limit' : 'anthropic-session-limit',
    seconds: 25,
  })),
  // (Gemini's retries of a per-minute 429 show only its "Thinking…" spinner: nothing to record.)
  ...['print', 'tui'].map((how) => ({
    tool: 'gemini',
    pkg: '@google/gemini-cli',
    situation: how === 'print' ? 'print-quota' : 'quota',
    argv: ['gemini', how === 'print' ? '-p' : '-i', 'say hi'],
    env: {
      GEMINI_API_KEY: 'not-a-key',
      GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:PORT',
      GEMINI_CLI_TRUST_WORKSPACE: 'true',
    },
    settings: { '.gemini/settings.json': { security: { auth: { selectedType: 'gemini-api-key' } } } },
    limitServer: 'google-daily-quota',
    seconds: 20,
  })),
];

/**
 * A local stand-in for a provider at its limit: every request gets a 429 with the body OpenAI's
 * backend sends for a used-up plan, or Google's for a used-up daily quota. `PORT` in a situation's
 * argv or env becomes its port.
 */
async function startLimitServer(kind) {
  const resetsAt = Math.floor(Date.now() / 1000) + 3 * 3600;
  const metric = 'generativelanguage.googleapis.com/generate_content_free_tier_requests';
  const anthropicHeaders =
    kind === 'anthropic-session-limit'
      ? {
          'anthropic-ratelimit-unified-status': 'rejected',
          'anthropic-ratelimit-unified-reset': String(resetsAt),
          'anthropic-ratelimit-unified-representative-claim': 'five_hour',
        }
      : { 'retry-after': '20' };
  const anthropicBody = {
    type: 'error',
    error: {
      type: 'rate_limit_error',
      message: "This request would exceed your account's rate limit. Please try again later.",
    },
  };
  const body = kind.startsWith('anthropic-')
    ? anthropicBody
    : kind.startsWith('google-')
      ? {
          error: {
            code: 429,
            message: `Quota exceeded for metric: ${metric}, limit: 250`,
            status: 'RESOURCE_EXHAUSTED',
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
                violations: [
                  {
                    quotaMetric: metric,
                    quotaId: `GenerateRequestsPer${kind === 'google-per-minute' ? 'Minute' : 'Day'}PerProjectPerModel-FreeTier`,
                  },
                ],
              },
              {
                '@type': 'type.googleapis.com/google.rpc.RetryInfo',
                retryDelay: kind === 'google-per-minute' ? '5s' : '3600s',
              },
            ],
          },
        }
      : {
          error: {
            type: 'usage_limit_reached',
            message: 'The usage limit has been reached',
            plan_type: 'plus',
            resets_at: resetsAt,
          },
        };
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(429, {
        'content-type': 'application/json',
        ...(kind.startsWith('anthropic-') ? anthropicHeaders : {}),
      });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => server.close() };
}

async function versionOf(binary, env) {
  try {
    const { stdout } = await run(binary, ['--version'], { env, timeout: 30_000 });
    return stdout.trim().split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

async function makeRepo(parent) {
  const repo = path.join(parent, 'repo');
  await mkdir(repo);
  await run('git', ['init', '--quiet', '--initial-branch=main'], { cwd: repo });
  await run('git', ['config', 'user.name', 'Recorder'], { cwd: repo });
  await run('git', ['config', 'user.email', 'recorder@example.invalid'], { cwd: repo });
  await writeFile(path.join(repo, 'README.md'), '# Sample\n');
  await run('git', ['add', '-A'], { cwd: repo });
  await run('git', ['commit', '--quiet', '-m', 'initial'], { cwd: repo });
  return repo;
}

/** A clean environment: no inherited credentials, a private HOME, auto-updates off. */
async function makeEnvironment(home) {
  for (const dir of ['.config', '.cache', '.local/share', '.local/state', '.gemini', '.qwen']) {
    await mkdir(path.join(home, dir), { recursive: true });
  }
  // gemini and qwen may update themselves globally otherwise.
  const noAutoUpdate = JSON.stringify({ general: { enableAutoUpdate: false } });
  await writeFile(path.join(home, '.gemini', 'settings.json'), noAutoUpdate);
  await writeFile(path.join(home, '.qwen', 'settings.json'), noAutoUpdate);
  return {
    PATH: [
      path.join(clisDir, 'node_modules', '.bin'),
      path.dirname(process.execPath),
      '/usr/local/bin',
      '/usr/bin',
      '/bin',
    ].join(path.delimiter),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: 'C.UTF-8',
    TMPDIR: path.join(home, '.cache'),
  };
}

async function record(spec) {
  const temp = await mkdtemp(path.join(tmpdir(), `record-${spec.tool}-`));
  let limitServer = null;
  try {
    const repo = await makeRepo(temp);
    const env = { ...(await makeEnvironment(path.join(temp, 'home'))), ...(spec.env ?? {}) };
    limitServer = spec.limitServer ? await startLimitServer(spec.limitServer) : null;
    const port = limitServer ? String(limitServer.port) : null;
    for (const [name, value] of Object.entries(spec.env ?? {})) if (port) env[name] = value.replace('PORT', port);
    for (const [file, content] of Object.entries(spec.settings ?? {})) {
      const where = path.join(temp, 'home', file);
      const existing = JSON.parse(await readFile(where, 'utf8').catch(() => '{}'));
      const value = typeof content === 'function' ? content(repo) : content;
      await mkdir(path.dirname(where), { recursive: true });
      await writeFile(where, JSON.stringify({ ...existing, ...value }));
    }
    const binary = path.join(clisDir, 'node_modules', '.bin', spec.argv[0]);
    const version = await versionOf(binary, env);
    if (version === null) return { spec, skipped: `${spec.argv[0]} --version failed: not installed in ${clisDir}?` };
    const args = spec.argv
      .slice(1)
      .map((arg) => (arg === 'repo' ? repo : limitServer ? arg.replace('PORT', String(limitServer.port)) : arg));
    const seconds = spec.seconds ?? defaultSeconds;

    const terminal = new Terminal({ cols, rows, allowProposedApi: true });
    const chunks = [];
    const started = Date.now();
    const child = pty.spawn(binary, args, { name: 'xterm-256color', cols, rows, cwd: repo, env });
    terminal.onData((reply) => child.write(reply));
    child.onData((data) => {
      chunks.push({ atMs: Date.now() - started, data });
      terminal.write(data);
    });
    const timers = (spec.keys ?? []).map((key) => setTimeout(() => child.write(key.data), key.afterMs));
    const exit = await new Promise((resolve) => {
      const deadline = setTimeout(() => resolve(null), seconds * 1000);
      child.onExit(({ exitCode, signal }) => {
        clearTimeout(deadline);
        resolve({ exitCode, signal: signal || null });
      });
    });
    timers.forEach(clearTimeout);
    if (exit === null) killTree(child.pid);
    // Let the last chunks arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    terminal.dispose();

    const name = `${spec.tool}-${spec.situation}`;
    const raw = chunks.map((chunk) => chunk.data).join('');
    await writeFile(path.join(options.out, `${name}.txt`), raw);
    const sidecar = {
      tool: spec.tool,
      package: spec.pkg,
      version,
      argv: [spec.argv[0], ...spec.argv.slice(1).map((arg) => (arg === 'repo' ? '<repo>' : arg))],
      ...(spec.limitServer ? { limitServer: 'a local server answering 429 usage_limit_reached (resets in 3 h)' } : {}),
      cols,
      rows,
      recordedForSeconds: seconds,
      exitCode: exit?.exitCode ?? null,
      signal: exit?.signal ?? null,
      killedByRecorder: exit === null,
      keys: spec.keys ?? [],
      node: process.version,
      recordedAt: new Date().toISOString().slice(0, 10),
      // [milliseconds since start, UTF-8 bytes] per chunk, in order; the bytes add up to the .txt file.
      chunks: chunks.map((chunk) => [chunk.atMs, Buffer.byteLength(chunk.data)]),
    };
    await writeFile(path.join(options.out, `${name}.json`), await formatJson(sidecar));
    return { spec, name, version, exit, bytes: Buffer.byteLength(raw) };
  } finally {
    limitServer?.close();
    await rm(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Formatted as the project's prettier would, so `npm run lint` stays clean after a re-record. */
async function formatJson(value) {
  const prettier = load('prettier');
  const config = (await prettier.resolveConfig(path.join(options.out, 'x.json'))) ?? {};
  return prettier.format(JSON.stringify(value), { ...config, parser: 'json' });
}

/** The pty's child leads its own process group: end all of it (daemons included). */
function killTree(pid) {
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}

await mkdir(options.out, { recursive: true });
const only = options.only ? new Set(options.only.split(',')) : null;
for (const spec of situations) {
  if (only && !only.has(spec.tool) && !only.has(`${spec.tool}-${spec.situation}`)) continue;
  const result = await record(spec);
  if (result.skipped) console.log(`skipped ${spec.tool}-${spec.situation}: ${result.skipped}`);
  else {
    const how = result.exit ? `exit ${result.exit.exitCode}` : 'still running, killed';
    console.log(`recorded ${result.name} (${result.version}): ${result.bytes} bytes, ${how}`);
  }
}
