import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CustomProfile } from '../../shared/custom-profile';
import { ReviewSettingsSchema } from '../../shared/review-settings';
import { AppStateSchema } from '../store/app-state';

/** What the app remembers that a plan uses. */
export interface PlanAppSettings {
  /** The user's own agent profiles, usable by name in a plan as in the app. */
  readonly customProfiles: readonly CustomProfile[];
  /** When the repository is an open project: its prompt template (null: the built-in one). */
  readonly promptTemplate: string | null;
  /** When the repository is an open project: the folder its threads' worktrees go in. */
  readonly worktreeRoot: string | null;
  /** When the repository is an open project: its hazard list (review settings); null: the defaults. */
  readonly hazardPatterns: readonly string[] | null;
  /** When the repository is an open project: its id, which a run's usage is booked under. */
  readonly projectId: string | null;
}

const nothing: PlanAppSettings = {
  customProfiles: [],
  promptTemplate: null,
  worktreeRoot: null,
  hazardPatterns: null,
  projectId: null,
};

/** The part of review.json (electron/review/review-file.ts) a plan reads: per-project review settings. */
const ReviewSettingsPartSchema = z.object({ settings: z.record(z.string(), ReviewSettingsSchema) });

/**
 * Reads the app's state file for what a plan uses, and only reads it: no folder is made, and a
 * missing or unreadable file means no settings (the app itself sets a corrupt file aside when it
 * next starts; a check or dry run must leave everything as it found it).
 */
export async function readPlanAppSettings(dataDir: string, repo: string): Promise<PlanAppSettings> {
  const state = AppStateSchema.safeParse(await readJson(path.join(dataDir, 'state.json')));
  if (!state.success) return nothing;
  const project = state.data.projects.find((p) => path.resolve(p.path) === path.resolve(repo));
  if (!project) return { ...nothing, customProfiles: state.data.customProfiles };
  const review = ReviewSettingsPartSchema.safeParse(await readJson(path.join(dataDir, 'review.json')));
  return {
    customProfiles: state.data.customProfiles,
    promptTemplate: project.promptTemplate,
    worktreeRoot: project.worktreeRoot,
    hazardPatterns: review.success ? (review.data.settings[project.id]?.hazardPatterns ?? null) : null,
    projectId: project.id,
  };
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
