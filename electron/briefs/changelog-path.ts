import { suggestBranchName } from '../../shared/branch-name';
import type { Brief } from '../../shared/brief';

/** The brief's changelog fragment path, defaulting to `.changes/<thread>.md`. */
export function changelogPathFor(brief: Brief, threadName: string): string {
  return brief.changelogPath.trim() || `.changes/${suggestBranchName(threadName, '')}.md`;
}
