import path from 'node:path';
import { z } from 'zod';

/**
 * A scenario is plain data (JSON-friendly) so tests and users can write their own without code.
 * Every step is an object with exactly one action key, plus that action's options.
 *
 * Any text in a step may use these placeholders, filled in when the step runs:
 *   {prompt}  the prompt the agent was started with ("make a small change" when none)
 *   {slug}    that prompt as a file-name-safe slug ("change" when none)
 *   {task}    the branch it works on ($SWITCHYARD_BRANCH without "switchyard/") as a slug; {slug} without one
 */

/**
 * Why a lexical check here as well as at run time: a scenario file with an escaping path is
 * refused before it touches anything, with the step named.
 */
export function relativePathProblem(relativePath: string): string | null {
  if (relativePath.trim() === '') return 'the path is empty';
  if (path.posix.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath)) {
    return `"${relativePath}" is absolute; paths must be relative to the working folder`;
  }
  const normalized = path.posix.normalize(relativePath.replaceAll('\\', '/'));
  if (normalized === '..' || normalized.startsWith('../')) {
    return `"${relativePath}" points outside the working folder`;
  }
  return null;
}

const RelativePath = z.string().superRefine((value, ctx) => {
  const problem = relativePathProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const Milliseconds = z.number().int().min(0).max(600_000);

export const PrintStep = z.strictObject({ print: z.string(), delayMs: Milliseconds.optional() });
export const WriteStep = z.strictObject({ write: z.strictObject({ path: RelativePath, content: z.string() }) });
export const AppendStep = z.strictObject({ append: z.strictObject({ path: RelativePath, content: z.string() }) });
export const EditStep = z.strictObject({
  edit: z.strictObject({ path: RelativePath, find: z.string().min(1), replace: z.string() }),
});
/** Sets one line (1-based) of a file, creating the file or padding it when it is shorter. */
export const ReplaceLineStep = z.strictObject({
  replaceLine: z.strictObject({ path: RelativePath, line: z.number().int().min(1), text: z.string() }),
});
export const AskStep = z.strictObject({ ask: z.string().min(1), onNo: z.enum(['continue', 'exit']).optional() });
export const CommitStep = z.strictObject({ commit: z.string().min(1) });
export const SleepStep = z.strictObject({ sleep: Milliseconds });
export const ExitStep = z.strictObject({ exit: z.number().int().min(0).max(255) });
export const EchoStep = z.strictObject({ echo: z.strictObject({ until: z.string().optional() }) });
/**
 * An agent's input box: shows "> ", takes one message at a time (a bracketed paste is one message,
 * newlines and all), works on it for `workMs`, and shows the box again, until `until`. Each message
 * is appended to `record` (JSON lines) when given, so tests can see exactly what arrived.
 */
export const InboxStep = z.strictObject({
  inbox: z.strictObject({
    until: z.string().optional(),
    record: RelativePath.optional(),
    workMs: Milliseconds.optional(),
    /** Turn on bracketed paste (ESC[?2004h), as most agent TUIs do; default true. */
    bracketedPaste: z.boolean().optional(),
  }),
});
export const FloodStep = z.strictObject({
  flood: z.strictObject({
    bytes: z
      .number()
      .int()
      .min(0)
      .max(256 * 1024 * 1024),
  }),
});

/**
 * A reviewer: reads the diff of HEAD against `base` (default: $SWITCHYARD_REVIEW_BASE, else HEAD~1)
 * and prints its findings as JSON lines (see review-diff.ts), then one line that is not a finding,
 * so the app's handling of malformed output is always exercised.
 */
export const ReviewStep = z.strictObject({ review: z.strictObject({ base: z.string().optional() }) });

/** Action key → schema of the whole step; the loader uses it to name what is wrong with a step. */
export const stepSchemas = {
  print: PrintStep,
  write: WriteStep,
  append: AppendStep,
  edit: EditStep,
  replaceLine: ReplaceLineStep,
  ask: AskStep,
  commit: CommitStep,
  sleep: SleepStep,
  exit: ExitStep,
  echo: EchoStep,
  inbox: InboxStep,
  flood: FloodStep,
  review: ReviewStep,
} as const;

export type StepKind = keyof typeof stepSchemas;
export const stepKinds = Object.keys(stepSchemas) as StepKind[];

export const StepSchema = z.union([
  PrintStep,
  WriteStep,
  AppendStep,
  EditStep,
  ReplaceLineStep,
  AskStep,
  CommitStep,
  SleepStep,
  ExitStep,
  EchoStep,
  InboxStep,
  FloodStep,
  ReviewStep,
]);
export type Step = z.infer<typeof StepSchema>;

export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  steps: z.array(StepSchema),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** The echo step stops at this line when the scenario names none. */
export const defaultEchoUntil = '/done';
