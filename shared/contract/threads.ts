import { z } from 'zod';
import type { coreRequestChannels } from '../channels/core';
import {
  AgentProfileInfoSchema,
  MergeOutcomeSchema,
  ProjectSchema,
  RemoveOutcomeSchema,
  ThreadSchema,
} from '../models';
import { BriefSchema } from '../brief';
import { type ContractOf, Empty, ProjectRef, ThreadRef } from './common';

/** The walking skeleton's requests: channel → request and response schemas. */
export const coreContract = {
  'app.info': {
    request: Empty,
    response: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      dataDir: z.string(),
      platform: z.string(),
      /** True until the user has opened any project. */
      firstRun: z.boolean(),
      canPickFolder: z.boolean(),
      /** Set when the state file was unreadable at start and was recovered: what happened, for the user. */
      stateProblem: z.string().nullable(),
    }),
  },
  'projects.list': { request: Empty, response: z.array(ProjectSchema) },
  'projects.open': {
    request: z.object({ path: z.string().min(1).max(4096) }).strict(),
    response: ProjectSchema,
  },
  'projects.pickFolder': {
    request: Empty,
    response: z.object({ path: z.string().nullable() }),
  },
  'projects.branches': {
    request: ProjectRef,
    response: z.object({ current: z.string().nullable(), branches: z.array(z.string()) }),
  },
  'projects.setWorktreeRoot': {
    request: z.object({ projectId: z.string().min(1), worktreeRoot: z.string().min(1).max(4096) }).strict(),
    response: ProjectSchema,
  },
  'profiles.list': { request: Empty, response: z.array(AgentProfileInfoSchema) },
  'threads.list': { request: Empty, response: z.array(ThreadSchema) },
  'threads.create': {
    request: z
      .object({
        projectId: z.string().min(1),
        name: z.string().trim().min(1).max(120),
        /** Defaults to the branch checked out in the main checkout. */
        baseBranch: z.string().max(255).optional(),
        /** Defaults to a name derived from the thread name. */
        branch: z.string().max(255).optional(),
        profileId: z.string().min(1),
        prompt: z.string().max(100_000).default(''),
        /** argv for the custom command profile; never joined into a shell string. */
        command: z.array(z.string().max(4096)).max(200).optional(),
        /** Scenario name or file for the demo agent profile. */
        scenario: z.string().max(4096).optional(),
        /** The worker brief; when given, the first prompt is rendered from it. */
        brief: BriefSchema.optional(),
        /** Interactive (a live session) or headless (one run), where the tool has both. */
        mode: z.enum(['interactive', 'headless']).optional(),
        /** Id of one of the profile's approval modes; the safe default when absent. */
        approvalMode: z.string().max(100).optional(),
        cols: z.number().int().min(2).max(1000).optional(),
        rows: z.number().int().min(2).max(1000).optional(),
      })
      .strict(),
    response: ThreadSchema,
  },
  'threads.stop': { request: ThreadRef, response: ThreadSchema },
  'threads.remove': {
    request: z
      .object({
        threadId: z.string().min(1),
        /** Explicit choice to discard uncommitted or unmerged work (a backup ref is kept). */
        discard: z.boolean().default(false),
      })
      .strict(),
    response: RemoveOutcomeSchema,
  },
  'terminal.input': {
    request: z.object({ threadId: z.string().min(1), data: z.string().max(1_000_000) }).strict(),
    response: z.object({ accepted: z.boolean() }),
  },
  'terminal.resize': {
    request: z
      .object({
        threadId: z.string().min(1),
        cols: z.number().int().min(2).max(1000),
        rows: z.number().int().min(2).max(1000),
      })
      .strict(),
    response: z.object({ resized: z.boolean() }),
  },
  'merge.run': { request: ThreadRef, response: MergeOutcomeSchema },
  'demo.start': {
    request: Empty,
    response: z.object({ project: ProjectSchema, threads: z.array(ThreadSchema) }),
  },
} as const satisfies ContractOf<(typeof coreRequestChannels)[number]>;
