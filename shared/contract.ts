import { z } from 'zod';
import type { EventChannel, RequestChannel } from './channel-names';
import { WireErrorSchema } from './errors';
import {
  AgentProfileInfoSchema,
  MergeOutcomeSchema,
  ProjectSchema,
  RemoveOutcomeSchema,
  ThreadDiffSchema,
  ThreadSchema,
} from './models';

const Empty = z.object({}).strict();
const ThreadRef = z.object({ threadId: z.string().min(1) }).strict();
const ProjectRef = z.object({ projectId: z.string().min(1) }).strict();

/**
 * Every request the renderer may make: channel → request and response schemas.
 * The main side parses each request with these before any service sees it.
 */
export const requestContract = {
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
  'terminal.replay': {
    request: ThreadRef,
    /** `end` is the stream offset after `data`; live chunks starting before it are already in `data`. */
    response: z.object({ data: z.string(), end: z.number().int() }),
  },
  'diff.get': { request: ThreadRef, response: ThreadDiffSchema },
  'merge.run': { request: ThreadRef, response: MergeOutcomeSchema },
  'demo.start': {
    request: Empty,
    response: z.object({ project: ProjectSchema, threads: z.array(ThreadSchema) }),
  },
} as const satisfies Record<RequestChannel, { request: z.ZodType; response: z.ZodType }>;

/** Everything main pushes to the renderer. */
export const eventContract = {
  'terminal.data': z.object({
    threadId: z.string(),
    /** Stream offset (in UTF-16 units) of the first character of `data`. */
    start: z.number().int(),
    data: z.string(),
  }),
  'thread.updated': ThreadSchema,
  'thread.removed': z.object({ threadId: z.string() }),
  'project.updated': ProjectSchema,
} as const satisfies Record<EventChannel, z.ZodType>;

export type RequestOf<C extends RequestChannel> = z.input<(typeof requestContract)[C]['request']>;
export type ParsedRequestOf<C extends RequestChannel> = z.output<(typeof requestContract)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.output<(typeof requestContract)[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

export const ResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireErrorSchema }),
]);
export type Result<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof WireErrorSchema> };

/** The surface both transports (Electron preload, browser WebSocket) give the renderer. */
export interface SwitchyardBridge {
  invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

export type { EventChannel, RequestChannel } from './channel-names';
export { bridgeGlobalName } from './channel-names';
