import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomProfile } from '../../shared/custom-profile';
import { AppStateSchema } from '../store/app-state';

/** What the app remembers that a plan uses. */
export interface PlanAppSettings {
  /** The user's own agent profiles, usable by name in a plan as in the app. */
  readonly customProfiles: readonly CustomProfile[];
  /** When the repository is an open project: its prompt template (null: the built-in one). */
  readonly promptTemplate: string | null;
  /** When the repository is an open project: the folder its threads' worktrees go in. */
  readonly worktreeRoot: string | null;
}

const nothing: PlanAppSettings = { customProfiles: [], promptTemplate: null, worktreeRoot: null };

/**
 * Reads the app's state file for what a plan uses, and only reads it: no folder is made, and a
 * missing or unreadable file means no settings (the app itself sets a corrupt file aside when it
 * next starts; a check or dry run must leave everything as it found it).
 */
export async function readPlanAppSettings(dataDir: string, repo: string): Promise<PlanAppSettings> {
  const text = await readFile(path.join(dataDir, 'state.json'), 'utf8').catch(() => null);
  if (text === null) return nothing;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return nothing;
  }
  const state = AppStateSchema.safeParse(data);
  if (!state.success) return nothing;
  const project = state.data.projects.find((p) => path.resolve(p.path) === path.resolve(repo));
  return {
    customProfiles: state.data.customProfiles,
    promptTemplate: project?.promptTemplate ?? null,
    worktreeRoot: project?.worktreeRoot ?? null,
  };
}
