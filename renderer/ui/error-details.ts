import type { WireError } from '../../shared/errors';

/** Reads a string-array field of an error's free-form `details` (e.g. `files`), ignoring anything else. */
export function detailStrings(error: WireError | null, key: string): string[] {
  const value = error?.details?.[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function detailNumber(error: WireError | null, key: string): number | null {
  const value = error?.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
