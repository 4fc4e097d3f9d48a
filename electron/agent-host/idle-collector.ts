import { getHeapStatistics } from 'node:v8';
import {
  idleCollectCheckMs,
  idleCollectMaxCheckMs,
  idleCollectQuietBytes,
  idleCollectQuietChecks,
  idleCollectSlackBytes,
} from '../../shared/limits';

/** The two heap figures the collector decides on, in bytes. */
export interface HeapReading {
  /** Live objects and garbage not yet collected. */
  readonly used: number;
  /** What the heap holds resident. */
  readonly resident: number;
}

export interface IdleCollectorOptions {
  /** A full collection: `globalThis.gc` of a process started with --expose-gc. */
  readonly collect: () => void;
  readonly readHeap?: () => HeapReading;
  readonly checkMs?: number;
  /** The longest a look is put off while the heap stays as it is. */
  readonly maxCheckMs?: number;
  readonly slackBytes?: number;
  readonly quietBytes?: number;
  readonly quietChecks?: number;
}

function v8Heap(): HeapReading {
  const stats = getHeapStatistics();
  return { used: stats.used_heap_size, resident: stats.total_physical_size };
}

/**
 * Collects the agent host's heap in full once it holds `slackBytes` more than it uses and has
 * stopped changing for `quietChecks` checks (shared/limits.ts says why), so a burst's garbage and grown young generation are
 * given back instead of staying resident while every agent sits idle. Never twice without the heap
 * changing in between. Once there is nothing left to decide it looks ever less often (up to
 * `maxCheckMs`), and at its pace again once the heap moves — or at once when told of activity
 * (`wake`: a request came, so a burst may follow, whose garbage should go back within seconds
 * rather than after the longest wait).
 */
export function startIdleCollector(options: IdleCollectorOptions): { stop(): void; wake(): void } {
  const readHeap = options.readHeap ?? v8Heap;
  const slack = options.slackBytes ?? idleCollectSlackBytes;
  const quiet = options.quietBytes ?? idleCollectQuietBytes;
  const quietChecks = options.quietChecks ?? idleCollectQuietChecks;
  let previous = readHeap().used;
  let settledChecks = 0;
  let afterCollection: number | null = null;
  const checkMs = options.checkMs ?? idleCollectCheckMs;
  const maxCheckMs = Math.max(checkMs, options.maxCheckMs ?? idleCollectMaxCheckMs);
  let delay = checkMs;
  const check = () => {
    const heap = readHeap();
    const moved = Math.abs(heap.used - previous) >= quiet;
    settledChecks = moved ? 0 : settledChecks + 1;
    previous = heap.used;
    // Quiet past the checks a decision needs: what it decided stands until the heap moves.
    delay = moved ? checkMs : settledChecks > quietChecks ? Math.min(delay * 2, maxCheckMs) : delay;
    const slackToGive = settledChecks >= quietChecks && heap.resident - heap.used >= slack;
    if (slackToGive && (afterCollection === null || Math.abs(heap.used - afterCollection) >= quiet)) {
      options.collect();
      afterCollection = readHeap().used;
      previous = afterCollection;
      settledChecks = 0;
    }
    timer = setTimeout(check, delay);
    timer.unref();
  };
  let timer = setTimeout(check, delay);
  timer.unref();
  return {
    stop: () => clearTimeout(timer),
    wake: () => {
      if (delay === checkMs) return;
      delay = checkMs;
      clearTimeout(timer);
      timer = setTimeout(check, delay);
      timer.unref();
    },
  };
}

/** The full collection of a process started with --expose-gc, or null without it (an older launch). */
export function exposedCollection(): (() => void) | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === 'function' ? () => gc() : null;
}
