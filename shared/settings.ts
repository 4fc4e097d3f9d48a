import { z } from 'zod';

/** App-wide preferences, kept with the app state. */
export const SettingsSchema = z.object({
  /** Agents allowed to run at once (null: chosen from the machine's memory); the rest wait, visibly queued. */
  maxRunningAgents: z.number().int().min(1).max(64).nullable().default(null),
  /** Desktop notifications when a thread needs input, finishes or fails. */
  notifications: z.boolean().default(true),
  /**
   * What quitting does to running agents: `ask` (the desktop app asks, with "Remember my choice";
   * `serve` keeps them), `keep` (they run on; the next start reattaches them) or `stop`.
   */
  agentsOnQuit: z.enum(['ask', 'keep', 'stop']).default('ask'),
  /**
   * The editor "Open in editor" runs, as a program and its arguments (no shell), the worktree
   * added last; null or absent: `code`, else `cursor` on PATH, else $VISUAL / $EDITOR.
   */
  editorCommand: z.string().max(1000).nullable().optional(),
  /**
   * Minutes a working agent's screen may stay unchanged before the thread reads "stuck?" (with a
   * notification); 0: never; absent: shared/limits defaultStuckAfterMinutes.
   */
  stuckAfterMinutes: z.number().int().min(0).max(1440).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Settings as shown: with the limit in force when the user left it to the machine. */
export const SettingsViewSchema = SettingsSchema.extend({ effectiveMaxRunningAgents: z.number().int() });
export type SettingsView = z.infer<typeof SettingsViewSchema>;
