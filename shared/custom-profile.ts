import { z } from 'zod';

/**
 * Why a needs-input pattern cannot be used, or null when it can. Patterns are compiled the way the
 * status tracker does (multiline), and one that matches an empty screen is refused: every quiet
 * moment would look like a question. (Matching the empty string cannot backtrack for long. Whether
 * the pattern backtracks catastrophically on real text is checked by the host when the profile is
 * saved, off its main thread and within a time bound: electron/status/user-patterns.ts.)
 */
export function screenPatternProblem(pattern: string): string | null {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'm');
  } catch (error) {
    return `"${pattern}" is not a valid regular expression (${(error as Error).message})`;
  }
  if (regex.test('')) return `"${pattern}" matches an empty screen, so every pause would look like a question`;
  return null;
}

/** A program is found on PATH by name, or given as an absolute path; a relative path would depend on where the app started. */
function isNameOrAbsolutePath(binary: string): boolean {
  const hasSeparator = binary.includes('/') || binary.includes('\\');
  return !hasSeparator || binary.startsWith('/') || /^[A-Za-z]:[\\/]/.test(binary) || binary.startsWith('\\\\');
}

const argument = z.string().max(4096);

const screenPattern = z
  .string()
  .min(1)
  .max(500)
  .superRefine((pattern, ctx) => {
    const problem = screenPatternProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names are checked here rather than as record keys so the message says what is wrong with which name. */
const environment = z.record(z.string(), z.string().max(10_000)).superRefine((env, ctx) => {
  for (const name of Object.keys(env)) {
    if (!envNamePattern.test(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `"${name}" is not an environment variable name: use letters, digits and _, not starting with a digit`,
      });
    }
  }
});

export const customProfileIdPattern = /^custom-[a-z0-9-]{1,40}$/;

/**
 * A user-defined agent profile, stored as data: binary, argv template (placeholders {prompt},
 * {cwd}, {promptFile}), environment and the screen patterns that mean "waiting for you".
 */
export const CustomProfileSchema = z.object({
  id: z.string().regex(customProfileIdPattern, 'A custom profile id is "custom-" then lowercase letters, digits or -'),
  label: z.string().trim().min(1).max(80),
  binary: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .refine((binary) => !/[\r\n\0]/.test(binary), 'The program name cannot contain line breaks')
    .refine(isNameOrAbsolutePath, 'The program is a name found on PATH or an absolute path'),
  /** Always passed, before any prompt arguments. */
  args: z.array(argument).max(100).default([]),
  /** Carry the prompt; left out when the prompt is empty. With no {prompt}/{promptFile} anywhere, the prompt is typed in. */
  promptArgs: z.array(argument).max(20).default(['{prompt}']),
  env: environment.default({}),
  /** Empty: the patterns common to most CLIs (y/n questions, "Press enter to continue" …). */
  needsInputPatterns: z.array(screenPattern).max(50).default([]),
  /** Continue the last session instead of starting with the prompt; null: start again as created. */
  resumeArgs: z.array(argument).max(20).nullable().default(null),
});
export type CustomProfile = z.infer<typeof CustomProfileSchema>;

/** A fresh id for a new profile named `label`, not among `taken`. */
export function customProfileIdFor(label: string, taken: readonly string[]): string {
  const slug =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'agent';
  const base = `custom-${slug}`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}
