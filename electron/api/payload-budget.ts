/**
 * Whether `payload` holds at most `limit` values (itself, and every object, array and primitive
 * nested in it). Walked with a stack, not recursion: a deeply nested payload cannot overflow it,
 * and the walk stops as soon as the limit is passed, so a huge payload costs no more than a small one.
 */
export function withinValueBudget(payload: unknown, limit: number): boolean {
  const stack: unknown[] = [payload];
  let counted = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    counted++;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        stack.push(item);
        if (counted + stack.length > limit) return false;
      }
    } else {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        stack.push((value as Record<string, unknown>)[key]);
        if (counted + stack.length > limit) return false;
      }
    }
  }
  return counted <= limit;
}
