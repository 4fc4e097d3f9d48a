import type { Brief } from '../../shared/brief';
import type { BriefChecks, FileFlags } from '../../shared/review';
import { makeMatcher } from '../../shared/review-glob';

export interface CheckedPath {
  readonly path: string;
  readonly oldPath: string | null;
}

export interface BriefCheckResult {
  readonly flagsByPath: ReadonlyMap<string, FileFlags>;
  readonly checks: Omit<BriefChecks, 'changelog'>;
}

/** Files the brief's owned paths never cover: its own changelog fragment and Switchyard's brief copy. */
function alwaysOwned(changelogPath: string): (path: string) => boolean {
  return (path) => path === changelogPath || path.startsWith('.switchyard/');
}

/**
 * Checks changed paths against the brief (owned and must-not-edit globs) and the project's hazard
 * list. A rename counts for both its old and its new path: moving a file out of a forbidden
 * folder still edits that folder.
 */
export function checkAgainstBrief(
  files: readonly CheckedPath[],
  brief: Brief | null,
  hazardPatterns: readonly string[],
  changelogPath: string,
): BriefCheckResult {
  const owned = brief?.ownedPaths ?? [];
  const forbiddenPatterns = brief?.forbiddenPaths ?? [];
  const ownedMatch = makeMatcher(owned);
  const forbiddenMatch = makeMatcher(forbiddenPatterns);
  const hazardMatch = makeMatcher(hazardPatterns);
  const exempt = alwaysOwned(changelogPath);
  const flagsByPath = new Map<string, FileFlags>();
  const outsideOwned = new Set<string>();
  const forbidden = new Map<string, string>();
  const hazards = new Map<string, string>();
  for (const file of files) {
    const paths = file.oldPath && file.oldPath !== file.path ? [file.path, file.oldPath] : [file.path];
    const isOutside = owned.length > 0 && paths.some((p) => !exempt(p) && ownedMatch(p) === null);
    const forbiddenBy = paths.map(forbiddenMatch).find((m) => m !== null) ?? null;
    const hazardBy = paths.map(hazardMatch).find((m) => m !== null) ?? null;
    if (isOutside) outsideOwned.add(file.path);
    if (forbiddenBy) forbidden.set(file.path, forbiddenBy);
    if (hazardBy) hazards.set(file.path, hazardBy);
    flagsByPath.set(file.path, { outsideOwned: isOutside, forbidden: forbiddenBy, hazard: hazardBy });
  }
  return {
    flagsByPath,
    checks: {
      hasBrief: brief !== null,
      ownedPaths: [...owned],
      forbiddenPaths: [...forbiddenPatterns],
      outsideOwned: [...outsideOwned],
      forbidden: [...forbidden].map(([path, pattern]) => ({ path, pattern })),
      hazards: [...hazards].map(([path, pattern]) => ({ path, pattern })),
    },
  };
}
