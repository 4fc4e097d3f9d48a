import { z } from 'zod';

/**
 * A user-defined agent profile, stored as data: binary, argv template (placeholders {prompt},
 * {cwd}, {promptFile}), environment and the screen patterns that mean "waiting for you".
 */
export const CustomProfileSchema = z.object({
  id: z.string().regex(/^custom-[a-z0-9-]{1,40}$/),
  label: z.string().trim().min(1).max(80),
  binary: z.string().trim().min(1).max(1000),
  args: z.array(z.string().max(4096)).max(100).default([]),
  promptArgs: z.array(z.string().max(4096)).max(20).default(['{prompt}']),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(10_000)).default({}),
  needsInputPatterns: z.array(z.string().max(500)).max(50).default([]),
  resumeArgs: z.array(z.string().max(4096)).max(20).nullable().default(null),
});
export type CustomProfile = z.infer<typeof CustomProfileSchema>;
