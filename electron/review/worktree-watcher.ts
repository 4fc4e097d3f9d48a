import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { absoluteGitDir } from '../git/git-dir';
import { visibleFolders } from '../git/untracked';

/** Folders that are nearly always git-ignored and huge; never watched just because they appeared. */
const skippedFolderNames = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'target',
  '.next',
  '.venv',
  '__pycache__',
]);

export interface WatcherOptions {
  /** Quiet time after the last change before `onChange` runs. */
  readonly debounceMs?: number;
  /** Under a steady stream of changes (an install, a build), `onChange` still runs this often. */
  readonly maxWaitMs?: number;
  /** Folders beyond this are not watched one by one (inotify watches are a shared, limited resource). */
  readonly maxFolders?: number;
  readonly log?: (message: string) => void;
}

/**
 * Watches one worktree while a window shows its review: one non-recursive watch per folder that
 * holds tracked or unignored files (so node_modules and build output cost nothing), plus the
 * worktree's git folder (index, HEAD, logs: commits, staging, checkouts). Changes are debounced
 * into one `onChange`; the folder set is re-read then. A folder created meanwhile is watched at
 * once (a file written into it right after would otherwise go unseen), unless it is one of the
 * usual heavy, ignored folders; folders are only dropped when they disappear.
 */
export class WorktreeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  private closed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly maxFolders: number;

  constructor(
    private readonly worktree: string,
    private readonly onChange: () => void,
    private readonly options: WatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.maxFolders = options.maxFolders ?? 2000;
  }

  async start(): Promise<void> {
    const gitDir = await absoluteGitDir(this.worktree);
    this.add(gitDir, true);
    this.add(path.join(gitDir, 'logs'), true);
    await this.syncFolders();
  }

  /** How many folders are watched (for tests and the log). */
  get size(): number {
    return this.watchers.size;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private async syncFolders(): Promise<void> {
    let folders = await visibleFolders(this.worktree).catch(() => ['']);
    if (this.closed) return;
    if (folders.length > this.maxFolders) {
      this.options.log?.(
        `[switchyard] review: ${this.worktree} has ${folders.length} folders; watching the first ${this.maxFolders}.`,
      );
      folders = folders.sort((a, b) => a.split('/').length - b.split('/').length).slice(0, this.maxFolders);
    }
    for (const folder of folders) this.add(path.join(this.worktree, folder), false);
  }

  /** A folder that appeared inside a watched one: watch it and what it already holds, right away. */
  private async addNewFolder(folder: string, depth = 0): Promise<void> {
    if (this.closed || this.watchers.has(folder) || this.watchers.size >= this.maxFolders || depth > 8) return;
    if (skippedFolderNames.has(path.basename(folder))) return;
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) return;
    this.add(folder, false);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries)
      if (entry.isDirectory()) await this.addNewFolder(path.join(folder, entry.name), depth + 1);
  }

  private add(folder: string, gitFolder: boolean): void {
    if (this.closed || this.watchers.has(folder)) return;
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        // Lock files come and go around every git write; the write itself is what matters.
        if (gitFolder && (name === null || String(name).endsWith('.lock'))) return;
        if (!gitFolder && name === '.git') return;
        if (!gitFolder && name !== null) void this.addNewFolder(path.join(folder, String(name)));
        this.schedule();
      });
      // A folder removed while watched: forget it; the next sync re-adds what still exists.
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(folder);
      });
      this.watchers.set(folder, watcher);
    } catch {
      // The folder vanished between listing and watching: nothing to watch.
    }
  }

  private schedule(): void {
    if (this.closed) return;
    const now = Date.now();
    if (!this.timer) this.firstPendingAt = now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstPendingAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed) return;
      this.onChange();
      void this.syncFolders();
    }, wait);
  }
}
