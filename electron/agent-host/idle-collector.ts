import { getHeapStatistics } from 'node:v8';
import {
  idleCollectCheckMs,
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
 * changing in between. Returns a function that stops it.
 */
export function startIdleCollector(options: IdleCollectorOptions): () => void {
  const readHeap = options.readHeap ?? v8Heap;
  const slack = options.slackBytes ?? idleCollectSlackBytes;
  const quiet = options.quietBytes ?? idleCollectQuietBytes;
  const quietChecks = options.quietChecks ?? idleCollectQuietChecks;
  let previous = readHeap().used;
  let settledChecks = 0;
  let afterCollection: number | null = null;
  const timer = setInterval(() => {
    const heap = readHeap();
    settledChecks = Math.abs(heap.used - previous) < quiet ? settledChecks + 1 : 0;
    previous = heap.used;
    if (settledChecks < quietChecks || heap.resident - heap.used < slack) return;
    if (afterCollection !== null && Math.abs(heap.used - afterCollection) < quiet) return;
    options.collect();
    afterCollection = readHeap().used;
    previous = afterCollection;
    settledChecks = 0;
  }, options.checkMs ?? idleCollectCheckMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The full collection of a process started with --expose-gc, or null without it (an older launch). */
export function exposedCollection(): (() => void) | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === 'function' ? () => gc() : null;
}
