import { z } from 'zod';
import { ProjectSchema, ThreadSchema } from '../../shared/models';

/** Everything Switchyard remembers between runs. */
export const AppStateSchema = z.object({
  version: z.literal(1),
  projects: z.array(ProjectSchema),
  threads: z.array(ThreadSchema),
});
export type AppState = z.infer<typeof AppStateSchema>;

export function emptyAppState(): AppState {
  return { version: 1, projects: [], threads: [] };
}
