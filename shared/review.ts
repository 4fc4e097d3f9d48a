import { z } from 'zod';

/**
 * Where a changed file's change lives. `committed`: on the branch since it left its base
 * (merge-base..HEAD); the other three are not committed yet: in the index, in the worktree only,
 * or new files git does not track.
 */
export const reviewSections = ['committed', 'staged', 'unstaged', 'untracked'] as const;
export const ReviewSectionSchema = z.enum(reviewSections);
export type ReviewSection = z.infer<typeof ReviewSectionSchema>;

export const fileChangeKinds = ['added', 'modified', 'deleted', 'renamed', 'copied', 'type-changed'] as const;
export const FileChangeKindSchema = z.enum(fileChangeKinds);
export type FileChangeKind = z.infer<typeof FileChangeKindSchema>;

/** What the brief and the project's hazard list say about one changed file. */
export const FileFlagsSchema = z.object({
  /** The brief names owned paths and this file is not under any of them. */
  outsideOwned: z.boolean(),
  /** The forbidden-path glob it matches, if any. */
  forbidden: z.string().nullable(),
  /** The hazard glob it matches (lockfile, migration, generated client, global config…), if any. */
  hazard: z.string().nullable(),
});
export type FileFlags = z.infer<typeof FileFlagsSchema>;

export const ReviewFileSchema = z.object({
  /** Stable key within a summary: `<section>:<path>`. */
  id: z.string(),
  section: ReviewSectionSchema,
  path: z.string(),
  /** Previous path of a rename or copy. */
  oldPath: z.string().nullable(),
  kind: FileChangeKindSchema,
  /** Lines added and removed, and whether git calls the file binary: null until counted (`detailsPending`). */
  added: z.number().int().nullable(),
  removed: z.number().int().nullable(),
  binary: z.boolean().nullable(),
  /** A submodule whose recorded commit moved (mode 160000). */
  submodule: z.boolean(),
  oldMode: z.string().nullable(),
  newMode: z.string().nullable(),
  /** Changes whenever the file's diff may have changed, so a shown diff knows to reload. */
  version: z.string(),
  flags: FileFlagsSchema,
});
export type ReviewFile = z.infer<typeof ReviewFileSchema>;

export const ReviewCommitSchema = z.object({
  sha: z.string(),
  subject: z.string(),
  author: z.string(),
  date: z.string(),
});
export type ReviewCommit = z.infer<typeof ReviewCommitSchema>;

export const ChangelogCheckSchema = z.object({
  path: z.string(),
  exists: z.boolean(),
  nonEmpty: z.boolean(),
  /** The fragment is part of the branch's commits (not only on disk). */
  committed: z.boolean(),
});

export const BriefChecksSchema = z.object({
  /** Whether the thread has a brief at all; without one only hazards and the changelog are checked. */
  hasBrief: z.boolean(),
  ownedPaths: z.array(z.string()),
  forbiddenPaths: z.array(z.string()),
  outsideOwned: z.array(z.string()),
  forbidden: z.array(z.object({ path: z.string(), pattern: z.string() })),
  hazards: z.array(z.object({ path: z.string(), pattern: z.string() })),
  changelog: ChangelogCheckSchema,
});
export type BriefChecks = z.infer<typeof BriefChecksSchema>;

/** Everything the review pane shows first: cheap to send, no diff text. */
export const ReviewSummarySchema = z.object({
  threadId: z.string(),
  baseBranch: z.string(),
  /** Where the branch left its base (null while the details are pending). */
  mergeBase: z.string().nullable(),
  head: z.string(),
  /** Changes whenever anything in this summary changed. */
  revision: z.string(),
  /** Commits on the base branch the thread does not have yet, and commits it has over the base (0 while pending). */
  behind: z.number().int(),
  ahead: z.number().int(),
  commits: z.array(ReviewCommitSchema),
  commitsTruncated: z.boolean(),
  /** `added` and `removed` are null while the details are pending. */
  stat: z.object({ files: z.number().int(), added: z.number().int().nullable(), removed: z.number().int().nullable() }),
  files: z.array(ReviewFileSchema),
  /**
   * The list was sent as soon as git had listed the files (asked with `detailsLater`): the files'
   * `added`, `removed` and `binary`, the stat's counts, the commits, behind/ahead and the
   * changelog check are not known yet (null, empty or zero) until `review.details` for this
   * revision answers.
   */
  detailsPending: z.boolean(),
  filesOmitted: z.number().int(),
  checks: BriefChecksSchema,
  /** An approval recorded on another commit than the current tip. */
  approvalStale: z.boolean(),
  computedAt: z.string(),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

/** One file's line counts, as `review.details` sends them. */
export const FileCountsSchema = z.object({
  id: z.string(),
  added: z.number().int(),
  removed: z.number().int(),
  binary: z.boolean(),
});
export type FileCounts = z.infer<typeof FileCountsSchema>;

/**
 * What a summary sent early (`detailsPending`) leaves out: every file's line counts and the stat
 * they add up to, the commits, behind/ahead and the changelog check, for one summary revision.
 */
export const ReviewDetailsSchema = z.object({
  threadId: z.string(),
  /** The summary revision these details complete. */
  revision: z.string(),
  files: z.array(FileCountsSchema),
  stat: z.object({ files: z.number().int(), added: z.number().int(), removed: z.number().int() }),
  behind: z.number().int(),
  ahead: z.number().int(),
  commits: z.array(ReviewCommitSchema),
  commitsTruncated: z.boolean(),
  changelog: ChangelogCheckSchema,
});
export type ReviewDetails = z.infer<typeof ReviewDetailsSchema>;

/** One file's diff, capped so a huge file never freezes the window unless the dispatcher asks. */
export const FileDiffSchema = z.object({
  fileId: z.string(),
  version: z.string(),
  /** Unified diff of this one file (possibly cut short), empty for binaries. */
  patch: z.string(),
  binary: z.boolean(),
  /** Sizes in bytes of the old and new content, when known (always for binaries). */
  oldSize: z.number().int().nullable(),
  newSize: z.number().int().nullable(),
  /** Bytes of the full patch; more than `patch` holds when it was cut. */
  totalBytes: z.number().int(),
  /** The patch was cut at the per-file byte cap. */
  truncated: z.boolean(),
  /** How many lines were cut at the per-line character cap. */
  longLinesCut: z.number().int(),
  /** Lines end with CR LF in this file. */
  crlf: z.boolean(),
  /** Even "show anyway" will not send it: beyond the hard ceiling. */
  tooLargeToShow: z.boolean(),
});
export type FileDiff = z.infer<typeof FileDiffSchema>;

/** Caps that keep one file's diff cheap to send and render. */
export const diffCaps = {
  fileBytes: 256 * 1024,
  lineChars: 2000,
  /** Beyond this not even "show anyway" sends the diff. */
  ceilingBytes: 16 * 1024 * 1024,
} as const;
