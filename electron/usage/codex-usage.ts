import os from 'node:os';
import path from 'node:path';
import { type TokenCounts, subtractTokens, totalTokens, zeroTokens } from '../../shared/usage';
import {
  type SessionParser,
  type UsageSample,
  type UsageSource,
  asObject,
  asString,
  count,
  isWithin,
  listFiles,
  listFolders,
  readFirstRecord,
} from './usage-source';

/**
 * Codex CLI: `<CODEX_HOME or ~/.codex>/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl`, one
 * `{timestamp, type, payload}` per line. The first line is `session_meta` (its `cwd` says where
 * the session ran); `turn_context` names the `model`; `event_msg` of type `token_count` carries
 * the session's running totals in `info.total_token_usage` (`input_tokens` including
 * `cached_input_tokens`, `output_tokens` including reasoning). The last total is the session's
 * usage. A total that goes down starts a new run in the same file (a resumed session that counts
 * from zero again): the runs are added. When the model changes mid-session, what comes after is
 * counted against the new model.
 */
export function codexUsageSource(): UsageSource {
  // What each file's first line said about its folder, so a file is opened for that once.
  const fileCwds = new Map<string, string | null>();
  return {
    id: 'codex',
    root(env) {
      return path.join(env.CODEX_HOME || path.join(os.homedir(), '.codex'), 'sessions');
    },
    async sessionFiles(root, cwd, since) {
      const files: string[] = [];
      // Day folders are the session's start (local time): start a day early so no zone is missed.
      const firstDay = since ? dayName(new Date(since.getTime() - 24 * 60 * 60 * 1000)) : '';
      for (const year of await listFolders(root)) {
        for (const month of await listFolders(path.join(root, year))) {
          for (const day of await listFolders(path.join(root, year, month))) {
            if (`${year}-${month}-${day}` < firstDay) continue;
            const dir = path.join(root, year, month, day);
            files.push(...(await listFiles(dir, (name) => name.startsWith('rollout-') && name.endsWith('.jsonl'))));
          }
        }
      }
      const matching: string[] = [];
      for (const file of files) {
        if (!fileCwds.has(file)) {
          const first = asObject(await readFirstRecord(file));
          // Not written yet: look again next time.
          if (!first) continue;
          fileCwds.set(file, first.type === 'session_meta' ? asString(asObject(first.payload)?.cwd) : null);
        }
        if (isWithin(fileCwds.get(file), cwd)) matching.push(file);
      }
      return matching;
    },
    parser(file, cwd) {
      return new CodexParser(file, cwd);
    },
  };
}

export const codexUsage = codexUsageSource();

function dayName(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

class CodexParser implements SessionParser {
  private inCwd = false;
  private model: string | null = null;
  /** Counts a new key each time the count restarts or the model changes. */
  private part = 0;
  /** The running total when the current part began (zero after a restart). */
  private baseline: TokenCounts = zeroTokens;
  private lastTotal: TokenCounts | null = null;

  constructor(
    private readonly file: string,
    private readonly cwd: string,
  ) {}

  take(records: readonly unknown[]): UsageSample[] {
    const samples: UsageSample[] = [];
    for (const record of records) {
      const line = asObject(record);
      const payload = asObject(line?.payload);
      if (!line || !payload) continue;
      if (line.type === 'session_meta') {
        this.inCwd = isWithin(payload.cwd, this.cwd);
      } else if (line.type === 'turn_context') {
        const model = asString(payload.model);
        if (model && model !== this.model) {
          if (this.model !== null && this.lastTotal) this.startPart(this.lastTotal);
          this.model = model;
        }
      } else if (line.type === 'event_msg' && payload.type === 'token_count') {
        const usage = asObject(asObject(payload.info)?.total_token_usage);
        if (!usage) continue;
        const total = codexCounts(usage);
        if (this.lastTotal && totalTokens(total) < totalTokens(this.lastTotal)) this.startPart(zeroTokens);
        this.lastTotal = total;
        if (!this.inCwd) continue;
        samples.push({
          key: `codex:${this.file}:${this.part}`,
          model: this.model,
          tokens: subtractTokens(total, this.baseline),
          at: asString(line.timestamp),
        });
      }
    }
    return samples;
  }

  private startPart(baseline: TokenCounts): void {
    this.part += 1;
    this.baseline = baseline;
  }
}

function codexCounts(usage: Record<string, unknown>): TokenCounts {
  const cached = count(usage.cached_input_tokens);
  const cacheWrite = count(usage.cache_write_input_tokens);
  return {
    inputTokens: Math.max(0, count(usage.input_tokens) - cached - cacheWrite),
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: cached,
    cacheWriteTokens: cacheWrite,
  };
}
