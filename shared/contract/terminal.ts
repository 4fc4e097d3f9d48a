import { z } from 'zod';
import type { pipelineRequestChannels } from '../channels/pipeline';
import { ProjectSchema, ThreadSchema } from '../models';
import { SettingsSchema, SettingsViewSchema } from '../settings';
import { type ContractOf, Empty, ThreadRef } from './common';

/** Streaming terminals with flow control, resume, project setup, settings. */
export const pipelineContract = {
  /**
   * Start streaming a thread's terminal to this window: returns what it shows so far (`end` is
   * the stream offset after `data`); `terminal.data` events follow from `end` on.
   */
  'terminal.attach': {
    request: ThreadRef,
    response: z.object({ data: z.string(), end: z.number().int() }),
  },
  'terminal.detach': { request: ThreadRef, response: z.object({ detached: z.boolean() }) },
  /** Characters of `terminal.data` that xterm has parsed; lets a paused agent run again. */
  'terminal.ack': {
    request: z.object({ threadId: z.string().min(1), chars: z.number().int().min(0).max(100_000_000) }).strict(),
    response: z.object({}),
  },
  'threads.resume': { request: ThreadRef, response: ThreadSchema },
  'projects.setSetup': {
    request: z
      .object({
        projectId: z.string().min(1),
        /** argv run in each new worktree before the agent; null for none. */
        setupCommand: z.array(z.string().max(4096)).min(1).max(200).nullable(),
        /** Paths (relative to the repo) of git-ignored files to copy into new worktrees. */
        copyFiles: z.array(z.string().min(1).max(1000)).max(200),
      })
      .strict(),
    response: ProjectSchema,
  },
  'settings.get': { request: Empty, response: SettingsViewSchema },
  'settings.set': { request: SettingsSchema.partial().strict(), response: SettingsViewSchema },
} as const satisfies ContractOf<(typeof pipelineRequestChannels)[number]>;
