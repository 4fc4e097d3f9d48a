import { readFile, realpath, stat } from 'node:fs/promises';
import {
  type ThreadUsage,
  type TokenCounts,
  type UsageLogEntry,
  addTokens,
  subtractTokens,
  tokenKinds,
  totalTokens,
  zeroTokens,
} from '../../shared/usage';
import { claudeUsage } from './claude-usage';
import { codexUsageSource } from './codex-usage';
import { geminiUsageSource } from './gemini-usage';
import { JsonlTail } from './jsonl-tail';
import { Prices } from './prices';
import { qwenUsage } from './qwen-usage';
import { RootWatcher } from './root-watcher';
import { UsageLedger } from './usage-ledger';
import { UsageLog } from './usage-log';
import type { SessionParser, UsageSource, UsageSourceId } from './usage-source';

/** What the service needs to know about a thread to find and book its usage. */
export interface TrackedThread {
  readonly threadId: string;
  readonly projectId: string;
  readonly planRunId: string | null;
  /** The thread's worktree: where its agent runs. */
  readonly cwd: string;
  /** The agent profile: decides whose records are read (profiles without records have no usage). */
  readonly profileId: string;
  /** Sessions that began before this are not the thread's (narrows Codex's dated folders). */
  readonly since?: Date | null;
}

export type UsageListener = (threadId: string, usage: ThreadUsage) => void;

export interface UsageServiceOptions {
  /** Where `usage.jsonl` is kept. */
  readonly dataDir: string;
  /** Where the agents' folders are found (CLAUDE_CONFIG_DIR, CODEX_HOME, …); the process's own by default. */
  readonly env?: NodeJS.ProcessEnv;
  readonly prices?: Prices;
  readonly debounceMs?: number;
  readonly fallbackRescanMs?: number;
  readonly now?: () => Date;
}

/** Which records each built-in profile's agent writes. */
const sourceByProfile: Readonly<Record<string, UsageSourceId>> = {
  claude: 'claude',
  codex: 'codex',
  gemini: 'gemini',
  qwen: 'qwen',
};

interface FileReader {
  readonly tail: JsonlTail;
  parser: SessionParser;
  /** For files read whole: the size and time they had when last read. */
  seen: string | null;
}

interface Tracker {
  readonly thread: TrackedThread;
  readonly source: UsageSource;
  readonly root: string;
  readonly ledger: UsageLedger;
  readonly files: Map<string, FileReader>;
  usage: ThreadUsage | null;
}

/**
 * Each tracked thread's token usage and cost, read from its agent's own session records (decision
 * 0009): one watcher per agent folder, files read from where the last read stopped. Every change
 * is booked in `usage.jsonl` (only what the log does not have yet, so a restart books nothing
 * twice) and told to the listeners.
 */
export class UsageService {
  private readonly sources: ReadonlyMap<UsageSourceId, UsageSource>;
  private readonly trackers = new Map<string, Tracker>();
  private readonly watchers = new Map<UsageSourceId, RootWatcher>();
  private readonly listeners = new Set<UsageListener>();
  /** Reads of one agent's files run one at a time (a watcher firing mid-read waits its turn). */
  private readonly reads = new Map<UsageSourceId, Promise<void>>();
  readonly log: UsageLog;
  private readonly env: NodeJS.ProcessEnv;
  private prices: Prices;
  private readonly now: () => Date;
  /** What the log already holds per thread and model (read once, at the first booking). */
  private booked: Promise<Map<string, Map<string | null, TokenCounts>>> | null = null;
  private closed = false;

  constructor(private readonly options: UsageServiceOptions) {
    this.log = new UsageLog(options.dataDir);
    this.env = options.env ?? process.env;
    this.prices = options.prices ?? new Prices();
    this.now = options.now ?? (() => new Date());
    this.sources = new Map<UsageSourceId, UsageSource>([
      ['claude', claudeUsage],
      ['codex', codexUsageSource()],
      ['gemini', geminiUsageSource()],
      ['qwen', qwenUsage],
    ]);
  }

  /** Calls `listener` with a thread's usage each time it changes; returns the unsubscribe. */
  onChange(listener: UsageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a profile's agent leaves records this service reads. */
  static readsProfile(profileId: string): boolean {
    return profileId in sourceByProfile;
  }

  /**
   * Starts following a thread's usage: reads what its agent has already recorded, then watches.
   * A profile without readable records is ignored (its usage stays null).
   */
  async track(thread: TrackedThread): Promise<void> {
    const sourceId = sourceByProfile[thread.profileId];
    const source = sourceId ? this.sources.get(sourceId) : undefined;
    if (!source || this.closed) return;
    // Agents record their working folder as the system gives it, symlinks resolved.
    const cwd = await realpath(thread.cwd).catch(() => thread.cwd);
    this.trackers.set(thread.threadId, {
      thread: { ...thread, cwd },
      source,
      root: source.root(this.env),
      ledger: new UsageLedger(),
      files: new Map(),
      usage: null,
    });
    this.watch(source);
    await this.refreshSource(source.id);
  }

  untrack(threadId: string): void {
    const tracker = this.trackers.get(threadId);
    if (!tracker) return;
    this.trackers.delete(threadId);
    const id = tracker.source.id;
    if (![...this.trackers.values()].some((t) => t.source.id === id)) {
      this.watchers.get(id)?.close();
      this.watchers.delete(id);
    }
  }

  /** The thread's usage so far; null when untracked or nothing is recorded yet. */
  usage(threadId: string): ThreadUsage | null {
    return this.trackers.get(threadId)?.usage ?? null;
  }

  /** Reads every tracked thread's new records now (the watchers do this by themselves). */
  async refresh(): Promise<void> {
    await Promise.all([...this.sources.keys()].map((id) => this.refreshSource(id)));
  }

  /** Prices every tracked thread's spend anew (Settings changed a price); lines already in the log keep theirs. */
  async setPrices(prices: Prices): Promise<void> {
    this.prices = prices;
    for (const tracker of this.trackers.values()) if (tracker.usage) await this.publish(tracker);
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.listeners.clear();
  }

  private watch(source: UsageSource): void {
    if (this.watchers.has(source.id)) return;
    const options = { debounceMs: this.options.debounceMs, fallbackRescanMs: this.options.fallbackRescanMs };
    const watcher = new RootWatcher(source.root(this.env), () => void this.refreshSource(source.id), options);
    this.watchers.set(source.id, watcher);
  }

  private refreshSource(id: UsageSourceId): Promise<void> {
    const previous = this.reads.get(id) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (const tracker of [...this.trackers.values()].filter((t) => t.source.id === id)) {
        if (this.closed) return;
        try {
          await this.readTracker(tracker);
        } catch (error) {
          // One unreadable folder must not stop the others; the next change tries again.
          console.warn(`switchyard: could not read ${tracker.source.id} usage for ${tracker.thread.cwd}:`, error);
        }
      }
    });
    this.reads.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }

  private async readTracker(tracker: Tracker): Promise<void> {
    const { source, thread } = tracker;
    const files = await source.sessionFiles(tracker.root, thread.cwd, thread.since ?? null);
    let changed = false;
    for (const file of files) {
      let reader = tracker.files.get(file);
      if (!reader) {
        reader = { tail: new JsonlTail(file), parser: source.parser(file, thread.cwd), seen: null };
        tracker.files.set(file, reader);
      }
      const records = source.isWholeFile?.(file)
        ? await readWhole(reader, () => source.parser(file, thread.cwd))
        : await readAppended(reader, () => source.parser(file, thread.cwd));
      if (records.length && tracker.ledger.add(reader.parser.take(records))) changed = true;
    }
    if (changed && this.trackers.get(thread.threadId) === tracker) await this.publish(tracker);
  }

  private async publish(tracker: Tracker): Promise<void> {
    const { thread, ledger } = tracker;
    const byModel = ledger.byModel();
    const at = this.now().toISOString();
    const totals = [...byModel.values()].reduce(addTokens, zeroTokens);
    const costs = [...byModel].map(([model, tokens]) => (totalTokens(tokens) ? this.prices.costOf(model, tokens) : 0));
    tracker.usage = {
      ...totals,
      costUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((sum, c) => sum + (c ?? 0), 0),
      model: ledger.lastModel(),
      updatedAt: at,
    };
    for (const listener of this.listeners) listener(thread.threadId, tracker.usage);
    await this.book(thread, byModel, at);
  }

  /** Appends what the log does not hold yet for this thread, one line per model. */
  private async book(thread: TrackedThread, byModel: Map<string | null, TokenCounts>, at: string): Promise<void> {
    this.booked ??= this.log.read().then(bookedTotals, (error: unknown) => {
      // Unreadable now (a permissions slip): try again at the next change rather than never.
      this.booked = null;
      throw error;
    });
    const booked = await this.booked;
    const threadBooked = booked.get(thread.threadId) ?? new Map<string | null, TokenCounts>();
    booked.set(thread.threadId, threadBooked);
    const entries: UsageLogEntry[] = [];
    const nowBooked: Array<[string | null, TokenCounts]> = [];
    for (const [model, tokens] of byModel) {
      const already = threadBooked.get(model) ?? zeroTokens;
      // Only growth is booked: records that vanished do not un-spend anything.
      const delta = clampAtZero(subtractTokens(tokens, already));
      if (totalTokens(delta) === 0) continue;
      nowBooked.push([model, addTokens(already, delta)]);
      entries.push({
        at,
        threadId: thread.threadId,
        projectId: thread.projectId,
        planRunId: thread.planRunId,
        model,
        deltas: { ...delta, costUsd: this.prices.costOf(model, delta) },
      });
    }
    await this.log.append(entries);
    // Counted as booked only once written: a failed write is booked with the next change.
    for (const [model, total] of nowBooked) threadBooked.set(model, total);
  }
}

async function readAppended(reader: FileReader, newParser: () => SessionParser): Promise<unknown[]> {
  const { records, restarted } = await reader.tail.read();
  // A file that was cut or replaced is read from its start by a fresh parser; the ledger keeps
  // what was counted (keys repeat, so nothing is counted twice).
  if (restarted) reader.parser = newParser();
  return records;
}

async function readWhole(reader: FileReader, newParser: () => SessionParser): Promise<unknown[]> {
  let info;
  try {
    info = await stat(reader.tail.file);
  } catch {
    return [];
  }
  const seen = `${info.size}:${info.mtimeMs}`;
  if (seen === reader.seen) return [];
  try {
    const record = JSON.parse(await readFile(reader.tail.file, 'utf8')) as unknown;
    reader.seen = seen;
    reader.parser = newParser();
    return [record];
  } catch {
    // Caught mid-rewrite: the next change reads it again.
    return [];
  }
}

function clampAtZero(counts: TokenCounts): TokenCounts {
  const clamped = { ...counts };
  for (const kind of tokenKinds) clamped[kind] = Math.max(0, clamped[kind]);
  return clamped;
}

function bookedTotals(entries: readonly UsageLogEntry[]): Map<string, Map<string | null, TokenCounts>> {
  const totals = new Map<string, Map<string | null, TokenCounts>>();
  for (const entry of entries) {
    const thread = totals.get(entry.threadId) ?? new Map<string | null, TokenCounts>();
    totals.set(entry.threadId, thread);
    thread.set(entry.model, addTokens(thread.get(entry.model) ?? zeroTokens, entry.deltas));
  }
  return totals;
}
