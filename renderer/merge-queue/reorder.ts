/** `ids` with the item at `from` moved to `to` (both clamped); the same array when nothing moves. */
export function moveItem<T>(ids: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(ids.length - 1, to));
  if (from < 0 || from >= ids.length || from === target) return [...ids];
  const next = [...ids];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}
