import { z } from 'zod';

/**
 * Characters a name must not hold: C0 and C1 control characters and DEL (printed by the CLI, a
 * name with ESC or CR could move the cursor or rewrite the terminal's screen; in a list a line
 * break splits one row into two) and bidirectional overrides and isolates (they reorder how the
 * rest of a line reads).
 */
const unprintable = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

export const unprintableNameMessage =
  'A name cannot contain control characters (line breaks, tabs, escape codes) or text-direction overrides.';

/** A name people give (a thread, an attempt group, a template): trimmed, 1 to `max` characters, printable. */
export function nameSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((name) => !new RegExp(unprintable.source, 'u').test(name), { message: unprintableNameMessage });
}

/** `text` safe to print to a terminal: every character a name must not hold becomes U+FFFD (records from before the rule). */
export function printableName(text: string): string {
  return text.replace(unprintable, '\uFFFD');
}
