import { z } from 'zod';
import { AttemptGroupSchema, ScoreWeightsSchema } from '../../shared/attempts';
import { BriefTemplateSchema } from '../../shared/brief';
import { ProjectSchema, ThreadSchema } from '../../shared/models';
import { CustomProfileSchema } from '../../shared/custom-profile';
import { SettingsSchema } from '../../shared/settings';

/** Everything Switchyard remembers between runs. */
export const AppStateSchema = z.object({
  version: z.literal(1),
  projects: z.array(ProjectSchema),
  threads: z.array(ThreadSchema),
  briefTemplates: z.array(BriefTemplateSchema).default([]),
  customProfiles: z.array(CustomProfileSchema).default([]),
  settings: SettingsSchema.default({ maxRunningAgents: null, notifications: true, agentsOnQuit: 'ask' }),
  /** Threads run N times side by side (electron/attempts/). */
  attemptGroups: z.array(AttemptGroupSchema).default([]),
  /** The compare view's score weights, per project id (defaults: shared/attempts.ts). */
  attemptWeights: z.record(z.string(), ScoreWeightsSchema).default({}),
});
export type AppState = z.infer<typeof AppStateSchema>;

export function emptyAppState(): AppState {
  return AppStateSchema.parse({ version: 1, projects: [], threads: [] });
}
