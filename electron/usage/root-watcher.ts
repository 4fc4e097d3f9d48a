import { type FSWatcher, watch } from 'node:fs';
import { usageRescanFallbackMs, usageWatchDebounceMs } from '../../shared/limits';

export interface RootWatcherOptions {
  readonly debounceMs?: number;
  readonly fallbackRescanMs?: number;
}

/**
 * Watches one agent's session folder, sub-folders included, and calls `onChange` once a burst of
 * changes has gone quiet. Where the folder cannot be watched (missing, or fs.watch failed) it
 * calls `onChange` at a slow interval instead and tries to watch again each time.
 */
export class RootWatcher {
  private watcher: FSWatcher | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private fallback: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly debounceMs: number;
  private readonly fallbackRescanMs: number;

  constructor(
    readonly root: string,
    private readonly onChange: () => void,
    options: RootWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? usageWatchDebounceMs;
    this.fallbackRescanMs = options.fallbackRescanMs ?? usageRescanFallbackMs;
    this.startWatching();
  }

  /** True while fs.watch holds the folder (false: the slow rescan stands in). */
  get watching(): boolean {
    return this.watcher !== null;
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.fallback) clearInterval(this.fallback);
    this.debounce = null;
    this.fallback = null;
  }

  private startWatching(): void {
    try {
      const watcher = watch(this.root, { recursive: true, persistent: false }, () => this.changed());
      watcher.on('error', () => {
        watcher.close();
        if (this.watcher === watcher) this.watcher = null;
        this.fallBack();
      });
      this.watcher = watcher;
      if (this.fallback) clearInterval(this.fallback);
      this.fallback = null;
    } catch {
      this.fallBack();
    }
  }

  private fallBack(): void {
    if (this.closed || this.fallback) return;
    this.fallback = setInterval(() => {
      // The folder may exist now: a watch replaces the rescan. Either way, read what appeared.
      this.startWatching();
      this.onChange();
    }, this.fallbackRescanMs);
    this.fallback.unref();
  }

  private changed(): void {
    if (this.closed) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.onChange();
    }, this.debounceMs);
  }
}
