import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What the stand-in `claude` does, given as its prompt (JSON). */
export interface FakeClaudeScript {
  /** Its CLAUDE_CONFIG_DIR: where it writes its session log. */
  readonly configDir: string;
  readonly turns: number;
  readonly everyMs: number;
  readonly model?: string;
  readonly input?: number;
  readonly output?: number;
  readonly cacheRead?: number;
  /** Keeps running after the last turn (as an interactive session does). */
  readonly stayMs?: number;
}

export function fakeClaudePrompt(script: FakeClaudeScript): string {
  return JSON.stringify(script);
}

/**
 * Writes `<bin>/claude`: a stand-in for Claude Code that appends assistant lines to its session
 * log under `<configDir>/projects/<dashed cwd>/` the way Claude Code does (one line per streamed
 * block, the usage on each), one turn every `everyMs`. For usage tests that need a real agent process.
 */
export async function writeFakeClaude(bin: string): Promise<string> {
  await mkdir(bin, { recursive: true });
  const file = path.join(bin, 'claude');
  const source = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
if (process.argv.includes('--version')) {
  process.stdout.write('2.0.31 (Claude Code)\\n');
  process.exit(0);
}
const script = JSON.parse(process.argv[process.argv.length - 1]);
const cwd = fs.realpathSync(process.cwd());
const dir = path.join(script.configDir, 'projects', cwd.replace(/[^a-zA-Z0-9]/g, '-'));
fs.mkdirSync(dir, { recursive: true });
const log = path.join(dir, 'session-' + process.pid + '.jsonl');
let turn = 0;
function line(block, n) {
  return JSON.stringify({
    parentUuid: null, isSidechain: false, userType: 'external', cwd, sessionId: 'fake-' + process.pid,
    version: '2.0.31', gitBranch: 'switchyard/thread', type: 'assistant', uuid: 'u' + n + block, timestamp: new Date().toISOString(),
    requestId: 'req_' + process.pid + '_' + n,
    message: { id: 'msg_' + process.pid + '_' + n, type: 'message', role: 'assistant', model: script.model || 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'Done.' }], stop_reason: null, stop_sequence: null,
      usage: { input_tokens: script.input ?? 10, cache_creation_input_tokens: 0, cache_read_input_tokens: script.cacheRead ?? 0,
        output_tokens: script.output ?? 1000, service_tier: 'standard' } },
  }) + '\\n';
}
process.stdout.write('fake claude working\\r\\n');
const timer = setInterval(() => {
  turn += 1;
  fs.appendFileSync(log, line('a', turn) + line('b', turn));
  process.stdout.write('turn ' + turn + '\\r\\n');
  if (turn >= script.turns) {
    clearInterval(timer);
    setTimeout(() => process.exit(0), script.stayMs ?? 60000);
  }
}, script.everyMs);
`;
  await writeFile(file, source);
  await chmod(file, 0o755);
  return file;
}
