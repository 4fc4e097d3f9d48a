import type { FileChangeKind, ReviewSection } from '../../shared/review';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '?';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const sectionTitles: Record<ReviewSection, string> = {
  committed: 'Committed',
  staged: 'Staged',
  unstaged: 'Unstaged',
  untracked: 'Untracked',
};

export const sectionHints: Record<ReviewSection, string> = {
  committed: 'on the branch since it left its base',
  staged: 'in the index, not committed',
  unstaged: 'changed in the worktree, not staged',
  untracked: 'new files git does not track yet',
};

export const kindLabels: Record<FileChangeKind, string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  'type-changed': 'T',
};

/** "Merged into main at 1a2b3c4": what the review shows of a branch once merged into its base. */
export function mergedLabel(merged: { into: string; commit: string }): string {
  return `Merged into ${merged.into} at ${merged.commit.slice(0, 7)}`;
}

/** When it was merged, short and local ("4 Dec, 16:05"); the ISO text when it does not parse. */
export function mergedTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}
