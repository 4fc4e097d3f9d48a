import os from 'node:os';
import path from 'node:path';
import {
  type SessionParser,
  type UsageSample,
  type UsageSource,
  asObject,
  asString,
  count,
  dashedFolderName,
  isWithin,
  listFiles,
  listFolders,
} from './usage-source';

/**
 * Claude Code: `<CLAUDE_CONFIG_DIR or ~/.claude>/projects/<cwd, non-alphanumerics as '-'>/<session>.jsonl`.
 * Each assistant line carries `cwd`, `requestId`, `message.id`, `message.model` and
 * `message.usage` (`input_tokens`, `output_tokens`, `cache_creation_input_tokens`,
 * `cache_read_input_tokens`). A message streamed in several content blocks is written as several
 * lines with the same `message.id` and `requestId`, and a resumed session may copy earlier lines
 * into a new file: each message is counted once, by that pair, with the usage of its last line
 * (the one written when the message was complete).
 */
export const claudeUsage: UsageSource = {
  id: 'claude',
  root(env) {
    return path.join(env.CLAUDE_CONFIG_DIR || path.join(os.homedir(), '.claude'), 'projects');
  },
  async sessionFiles(root, cwd) {
    const dashed = dashedFolderName(path.resolve(cwd));
    // The name narrows, the recorded cwd decides: `-wt-app-b` may be the folder `/wt/app/b` (inside
    // this thread's `/wt/app`) or another thread's `/wt/app-b`. Very long paths are cut (and given
    // a hash) by newer versions: their start still narrows.
    const folders = (await listFolders(root)).filter(
      (name) =>
        name === dashed ||
        name.startsWith(`${dashed}-`) ||
        (dashed.length > 200 && name.startsWith(dashed.slice(0, 200))),
    );
    const files: string[] = [];
    for (const folder of folders) {
      const dir = path.join(root, folder);
      files.push(...(await listFiles(dir, (name) => name.endsWith('.jsonl'))));
      // Subagents' sidechains, in newer versions: <session>/subagents/*.jsonl.
      for (const session of await listFolders(dir)) {
        files.push(...(await listFiles(path.join(dir, session, 'subagents'), (name) => name.endsWith('.jsonl'))));
      }
    }
    return files;
  },
  parser(file, cwd): SessionParser {
    // Early versions wrote no cwd on a line: then the file's own folder (this thread's exact name) decides.
    const ownFolder = path.basename(path.dirname(file)) === dashedFolderName(path.resolve(cwd));
    return { take: (records) => records.flatMap((record) => claudeSample(record, cwd, ownFolder) ?? []) };
  },
};

function claudeSample(record: unknown, cwd: string, ownFolder: boolean): UsageSample | null {
  const line = asObject(record);
  if (!line || line.type !== 'assistant') return null;
  if (line.cwd === undefined ? !ownFolder : !isWithin(line.cwd, cwd)) return null;
  const message = asObject(line.message);
  const usage = asObject(message?.usage);
  if (!message || !usage) return null;
  const model = asString(message.model);
  // Claude Code's own notices ("<synthetic>") are not model calls.
  if (model === '<synthetic>') return null;
  const id = asString(message.id) ?? asString(line.uuid);
  if (!id) return null;
  return {
    key: `claude:${id}:${asString(line.requestId) ?? ''}`,
    model,
    tokens: {
      inputTokens: count(usage.input_tokens),
      outputTokens: count(usage.output_tokens),
      cacheReadTokens: count(usage.cache_read_input_tokens),
      cacheWriteTokens: count(usage.cache_creation_input_tokens),
    },
    at: asString(line.timestamp),
  };
}
