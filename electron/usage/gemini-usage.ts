import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  type SessionParser,
  type UsageSample,
  type UsageSource,
  asObject,
  asString,
  count,
  listFiles,
  listFolders,
  readFirstRecord,
} from './usage-source';

/**
 * Gemini CLI (packages/core/src/services/chatRecordingService.ts):
 * `<GEMINI_CLI_HOME or ~>/.gemini/tmp/<project id>/chats/session-<time>-<id>.jsonl`. The first
 * line is `{sessionId, projectHash, …}` where projectHash is the SHA-256 of the folder the CLI
 * ran in; each message is a line `{id, type, …}`, and a `gemini` message is written again (same
 * id) as its tool calls and `tokens` `{input, output, cached, thoughts, tool, total}` arrive,
 * so the last line of an id is counted. `input` is the whole prompt, cached part included.
 * Versions before April 2026 wrote the same record as one JSON file (`session-*.json`),
 * rewritten whole: read whole each time. Lines `{$set}` and `{$rewindTo}` carry no usage (a
 * rewind does not give back what was spent).
 */
export function geminiUsageSource(): UsageSource {
  // Each JSONL session's projectHash (its first line), so a file is opened for that once.
  const fileHashes = new Map<string, string | null>();
  return {
    id: 'gemini',
    root(env) {
      return path.join(env.GEMINI_CLI_HOME || os.homedir(), '.gemini', 'tmp');
    },
    async sessionFiles(root, cwd) {
      // The project folder's name comes from a registry (or, before, the hash): every project's
      // chats are listed and kept when their first line names this folder's projectHash.
      const files: string[] = [];
      for (const project of await listFolders(root)) {
        const chats = path.join(root, project, 'chats');
        files.push(...(await listFiles(chats, isSessionFile)));
        for (const parent of await listFolders(chats)) {
          files.push(...(await listFiles(path.join(chats, parent), (name) => name.endsWith('.jsonl'))));
        }
      }
      const hash = projectHash(cwd);
      const matching: string[] = [];
      for (const file of files) {
        // An older whole-JSON session starts with "{" on a line of its own: its parser decides.
        if (file.endsWith('.json')) {
          matching.push(file);
          continue;
        }
        if (!fileHashes.has(file)) {
          const first = asObject(await readFirstRecord(file));
          if (!first) continue;
          fileHashes.set(file, asString(first.projectHash));
        }
        if (fileHashes.get(file) === hash) matching.push(file);
      }
      return matching;
    },
    parser(_file, cwd) {
      return new GeminiParser(projectHash(cwd));
    },
    isWholeFile(file) {
      return file.endsWith('.json');
    },
  };
}

export const geminiUsage = geminiUsageSource();

function isSessionFile(name: string): boolean {
  return name.startsWith('session-') && (name.endsWith('.jsonl') || name.endsWith('.json'));
}

/** Gemini CLI's project hash: SHA-256 of the project root's path as given. */
export function projectHash(cwd: string): string {
  return createHash('sha256').update(path.resolve(cwd)).digest('hex');
}

class GeminiParser implements SessionParser {
  private sessionId: string | null = null;
  private inProject = false;

  constructor(private readonly hash: string) {}

  take(records: readonly unknown[]): UsageSample[] {
    const samples: UsageSample[] = [];
    for (const record of records) {
      const line = asObject(record);
      if (!line) continue;
      if (typeof line.id !== 'string' && typeof line.projectHash === 'string') {
        // The session's metadata (a whole legacy record carries its messages with it).
        this.sessionId = asString(line.sessionId);
        this.inProject = line.projectHash === this.hash;
        if (Array.isArray(line.messages)) samples.push(...this.take(line.messages));
        continue;
      }
      const sample = this.inProject ? this.message(line) : null;
      if (sample) samples.push(sample);
    }
    return samples;
  }

  private message(line: Record<string, unknown>): UsageSample | null {
    const tokens = asObject(line.tokens);
    const id = asString(line.id);
    if (line.type !== 'gemini' || !tokens || !id) return null;
    const cached = count(tokens.cached);
    return {
      key: `gemini:${this.sessionId ?? ''}:${id}`,
      model: asString(line.model),
      tokens: {
        inputTokens: Math.max(0, count(tokens.input) - cached) + count(tokens.tool),
        outputTokens: count(tokens.output) + count(tokens.thoughts),
        cacheReadTokens: cached,
        cacheWriteTokens: 0,
      },
      at: asString(line.timestamp),
    };
  }
}
