import { z } from 'zod';
import { ThreadSchema } from '../models';
import { FileDiffSchema, ReviewDetailsSchema, ReviewSectionSchema, ReviewSummarySchema } from '../review';
import { CommentSideSchema, ReviewCommentSchema } from '../review-comments';
import { ReviewSettingsSchema } from '../review-settings';
import { VerificationRunSchema } from '../review-verification';
import { ViewedFilesSchema } from '../review-viewed';
import { type ContractGroup, ProjectRef, ThreadRef } from './common';

const threadId = z.string().min(1);
const commentRef = z.object({ threadId, commentId: z.string().min(1) }).strict();
const commentBody = z.string().trim().min(1, 'write something to send').max(20_000);

const VerificationViewSchema = z.object({
  /** The brief's verification commands, in order. */
  commands: z.array(z.string()),
  /** How commands run in this project: split into argv, or through the shell the user chose. */
  shell: z.string().nullable(),
  /** HEAD of the worktree now; runs on another commit are stale. */
  head: z.string().nullable(),
  /** Newest first, with `stale` worked out against `head`. */
  runs: z.array(VerificationRunSchema.extend({ stale: z.boolean() })),
});

/** `review.*`: the review pane: commits, diffs, brief checks, verification, comments, the verdict. */
export const reviewContract = {
  requests: {
    /**
     * File list, commits, stat, brief checks and behind/ahead: no diff text. With `detailsLater` it
     * answers as soon as git has listed the files (`detailsPending`), and `review.details` brings
     * the line counts, commits, behind/ahead and changelog check.
     */
    'review.summary': {
      request: z.object({ threadId, detailsLater: z.boolean().default(false) }).strict(),
      response: ReviewSummarySchema,
    },
    /** The details of the summary with this revision (of the newest one when it moved on). */
    'review.details': {
      request: z.object({ threadId, revision: z.string().min(1).max(100) }).strict(),
      response: ReviewDetailsSchema,
    },
    /** One file's diff, capped unless `full` ("show anyway"). */
    'review.file': {
      request: z
        .object({
          threadId,
          section: ReviewSectionSchema,
          path: z.string().min(1).max(4096),
          oldPath: z.string().min(1).max(4096).nullable().default(null),
          full: z.boolean().default(false),
        })
        .strict(),
      response: FileDiffSchema,
    },
    /**
     * This window shows the thread's review: watch its worktree and push `review.changed`. A lease,
     * renewed while the pane stays open, so a window that vanishes stops the watching by itself.
     */
    'review.watch': { request: ThreadRef, response: z.object({ leaseMs: z.number().int() }) },
    'review.unwatch': { request: ThreadRef, response: z.object({ watching: z.boolean() }) },
    'review.comments.list': { request: ThreadRef, response: z.array(ReviewCommentSchema) },
    'review.comments.add': {
      request: z
        .object({
          threadId,
          path: z.string().min(1).max(4096),
          section: ReviewSectionSchema,
          side: CommentSideSchema,
          startLine: z.number().int().min(1),
          endLine: z.number().int().min(1),
          quote: z.array(z.string().max(10_000)).max(500),
          body: commentBody,
        })
        .strict()
        .refine((c) => c.endLine >= c.startLine, { message: 'endLine must not come before startLine' }),
      response: ReviewCommentSchema,
    },
    'review.comments.edit': {
      request: z.object({ threadId, commentId: z.string().min(1), body: commentBody }).strict(),
      response: ReviewCommentSchema,
    },
    'review.comments.delete': { request: commentRef, response: z.object({ deleted: z.boolean() }) },
    'review.comments.resolve': {
      request: z.object({ threadId, commentId: z.string().min(1), resolved: z.boolean() }).strict(),
      response: ReviewCommentSchema,
    },
    /** Types every draft comment into the agent's terminal as one message, then marks them sent. */
    'review.comments.send': {
      request: ThreadRef,
      response: z.object({ sent: z.array(ReviewCommentSchema), message: z.string() }),
    },
    /** The files marked as viewed, with the version each had then. */
    'review.viewed.list': { request: ThreadRef, response: ViewedFilesSchema },
    /** Marks a file (as listed now, at `version`) viewed, or not; answers with all the thread's marks. */
    'review.viewed.set': {
      request: z
        .object({
          threadId,
          fileId: z.string().min(1).max(5000),
          version: z.string().min(1).max(200),
          viewed: z.boolean(),
        })
        .strict(),
      response: ViewedFilesSchema,
    },
    'review.verification.list': { request: ThreadRef, response: VerificationViewSchema },
    /** Runs the brief's command number `index` in the worktree (never text from the window). */
    'review.verification.run': {
      request: z.object({ threadId, index: z.number().int().min(0).max(100) }).strict(),
      response: VerificationRunSchema,
    },
    'review.verification.cancel': {
      request: z.object({ threadId, runId: z.string().min(1) }).strict(),
      response: z.object({ cancelled: z.boolean() }),
    },
    /**
     * The verdict. `approved` records the branch tip; `changes-requested` first sends the draft
     * comments; `rejected` stops the agent and archives the thread (the branch stays);
     * `unreviewed` reopens it.
     */
    'review.decide': {
      request: z
        .object({ threadId, decision: z.enum(['unreviewed', 'approved', 'changes-requested', 'rejected']) })
        .strict(),
      response: ThreadSchema,
    },
    'review.settings.get': { request: ProjectRef, response: ReviewSettingsSchema },
    'review.settings.set': {
      request: z
        .object({
          projectId: z.string().min(1),
          hazardPatterns: ReviewSettingsSchema.shape.hazardPatterns.optional(),
          verificationShell: ReviewSettingsSchema.shape.verificationShell.optional(),
        })
        .strict(),
      response: ReviewSettingsSchema,
    },
  },
  events: {
    /** Something the pane shows for this thread moved; `revision` is the new summary revision when known. */
    'review.changed': z.object({
      threadId: z.string(),
      what: z.enum(['files', 'comments', 'verification', 'decision', 'viewed']),
      revision: z.string().nullable(),
    }),
    /** Live output of a verification run. */
    'review.verification.output': z.object({ threadId: z.string(), runId: z.string(), data: z.string() }),
  },
} as const satisfies ContractGroup<'review', 'review'>;

export type VerificationView = z.infer<typeof VerificationViewSchema>;
