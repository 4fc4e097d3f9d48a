import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { TokenCounts } from '../../shared/usage';

/** The agent CLIs whose own session records carry token counts (decision 0009). */
export type UsageSourceId = 'claude' | 'codex' | 'gemini' | 'qwen';

/**
 * One count read from an agent's records. A later sample with the same key replaces the earlier
 * one: that is how a message streamed over several lines, a message rewritten with its final
 * usage, or a running total is counted once.
 */
export interface UsageSample {
  readonly key: string;
  readonly model: string | null;
  readonly tokens: TokenCounts;
  readonly at: string | null;
}

/** Reads one session file's records, in order, keeping only what was done in one folder. */
export interface SessionParser {
  take(records: readonly unknown[]): UsageSample[];
}

export interface UsageSource {
  readonly id: UsageSourceId;
  /** The folder the agent writes its sessions under: the one watched. */
  root(env: NodeJS.ProcessEnv): string;
  /** The session files under `root` that may hold sessions run in `cwd` (narrowed cheaply; the parser decides). */
  sessionFiles(root: string, cwd: string, since: Date | null): Promise<string[]>;
  /** A parser for one session file that keeps only what was done in `cwd` (or a folder inside it). */
  parser(file: string, cwd: string): SessionParser;
  /** Files written whole each time (not appended to) are read whole on every change. */
  isWholeFile?(file: string): boolean;
}

/** Whether `dir` is `root` or a folder inside it. */
export function isWithin(dir: unknown, root: string): boolean {
  if (typeof dir !== 'string' || !dir) return false;
  const relative = path.relative(path.resolve(root), path.resolve(dir));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folder name Claude Code and Qwen Code give a working folder: every non-alphanumeric becomes '-'. */
export function dashedFolderName(cwd: string): string {
  return cwd.replace(/[^a-zA-Z0-9]/g, '-');
}

/** A count from a record field: a non-negative number, else 0. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

export function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** Files in `dir` whose names pass `accept`, with their full paths; none when the folder is missing. */
export async function listFiles(dir: string, accept: (name: string) => boolean): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && accept(e.name))
      .map((e) => path.join(dir, e.name))
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Sub-folders of `dir`, by name; none when the folder is missing. */
export async function listFolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The longest first line read to learn what a session file is about (Codex's first line carries its instructions). */
const maxFirstLineBytes = 4 * 1024 * 1024;

/** The first line of a file, parsed; null when it is missing, not finished or not JSON. */
export async function readFirstRecord(file: string): Promise<unknown> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const chunks: Buffer[] = [];
    let offset = 0;
    while (offset < maxFirstLineBytes) {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) return null;
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline !== -1) {
        chunks.push(buffer.subarray(0, newline));
        try {
          return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        } catch {
          return null;
        }
      }
      chunks.push(buffer.subarray(0, bytesRead));
      offset += bytesRead;
    }
    return null;
  } finally {
    await handle.close();
  }
}
