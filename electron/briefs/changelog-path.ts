import { type Brief, defaultChangelogPath } from '../../shared/brief';

/** The brief's changelog fragment path, defaulting to `.changes/<thread>.md`. */
export function changelogPathFor(brief: Brief, threadName: string): string {
  return brief.changelogPath.trim() || defaultChangelogPath(threadName);
}
