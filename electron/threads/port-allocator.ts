import type { Thread } from '../../shared/models';

export const portBlockSize = 10;
const firstPortBase = 4100;

/**
 * A block of ports of the thread's own (PORT = its first), so parallel dev servers started by
 * different agents do not collide. The lowest block no other thread holds.
 */
export function allocatePortBase(threads: readonly Thread[]): number {
  const taken = new Set(threads.map((t) => t.portBase).filter((p): p is number => p !== null));
  let base = firstPortBase;
  while (taken.has(base)) base += portBlockSize;
  return base;
}
