import { z } from 'zod';
import {
  CleanupItemSchema,
  HandBackOutcomeSchema,
  LandingOutcomeSchema,
  LandingProgressSchema,
  OrphansSchema,
  QueueSettingsSchema,
  QueueViewSchema,
} from '../merge-queue';
import { type ContractGroup, ProjectRef } from './common';

const ThreadInProject = z.object({ projectId: z.string().min(1), threadId: z.string().min(1) }).strict();
const threadIds = z.array(z.string().min(1)).max(500);

/** `mergeQueue.*`: per project, the order branches land in, the conflict matrix, landing, cleanup. */
export const mergeQueueContract = {
  requests: {
    'mergeQueue.get': { request: ProjectRef, response: QueueViewSchema },
    /** Recomputes the conflict matrix now (only pairs whose tips moved are merged again). */
    'mergeQueue.refresh': { request: ProjectRef, response: QueueViewSchema },
    'mergeQueue.setSettings': {
      request: z.object({ projectId: z.string().min(1), settings: QueueSettingsSchema }).strict(),
      response: QueueViewSchema,
    },
    'mergeQueue.reorder': {
      request: z.object({ projectId: z.string().min(1), order: threadIds }).strict(),
      response: QueueViewSchema,
    },
    'mergeQueue.useSuggestedOrder': { request: ProjectRef, response: QueueViewSchema },
    /** Queue a thread that is not approved, by explicit choice. */
    'mergeQueue.add': { request: ThreadInProject, response: QueueViewSchema },
    'mergeQueue.remove': { request: ThreadInProject, response: QueueViewSchema },
    /** Land the next entry, or all entries (not skipped) in order. */
    'mergeQueue.land': {
      request: z.object({ projectId: z.string().min(1), all: z.boolean() }).strict(),
      response: LandingOutcomeSchema,
    },
    /** Skip an entry; with `continue`, land the rest. */
    'mergeQueue.skip': {
      request: z.object({ projectId: z.string().min(1), threadId: z.string().min(1), continue: z.boolean() }).strict(),
      response: z.object({ outcome: LandingOutcomeSchema.nullable() }),
    },
    'mergeQueue.unskip': { request: ThreadInProject, response: QueueViewSchema },
    /** Rebase the thread's branch onto the target in its worktree; conflicts are sent to its agent. */
    'mergeQueue.handBack': { request: ThreadInProject, response: HandBackOutcomeSchema },
    'mergeQueue.cleanup': {
      request: z.object({ projectId: z.string().min(1), threadIds, archive: z.boolean().default(false) }).strict(),
      response: z.array(CleanupItemSchema),
    },
    'mergeQueue.orphans': { request: ProjectRef, response: OrphansSchema },
    'mergeQueue.cleanOrphans': {
      request: z
        .object({
          projectId: z.string().min(1),
          prune: z.boolean().default(false),
          branches: z.array(z.string().min(1).max(255)).max(500).default([]),
          threadIds: threadIds.default([]),
        })
        .strict(),
      response: z.array(CleanupItemSchema),
    },
  },
  events: {
    /** A project's queue, matrix or landing progress changed. */
    'mergeQueue.updated': QueueViewSchema,
    /** A landing's step, alone: nothing else in the view changed (the view follows when it ends). */
    'mergeQueue.progress': LandingProgressSchema,
    /** Verification output of the entry being landed, as it comes. */
    'mergeQueue.output': z.object({ projectId: z.string(), branch: z.string(), data: z.string() }),
  },
} as const satisfies ContractGroup<'mergeQueue', 'mergeQueue'>;
