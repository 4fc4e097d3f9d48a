import { z } from 'zod';
import type { EventChannel, RequestChannel } from './channel-names';
import { WireErrorSchema } from './errors';
import { ProjectSchema, ThreadSchema } from './models';
import { SettingsViewSchema } from './settings';
import { briefContract } from './contract/briefs';
import { coreContract } from './contract/core';
import { mergeQueueContract, mergeQueueEventContract } from './contract/merge-queue';
import { pipelineContract } from './contract/pipeline';
import { profileContract } from './contract/profiles';
import { reviewContract, reviewEventContract } from './contract/review';

/**
 * Every request the renderer may make: channel → request and response schemas, declared per
 * domain in contract/. The main side parses each request with these before any service sees it.
 */
export const requestContract = {
  ...coreContract,
  ...pipelineContract,
  ...briefContract,
  ...profileContract,
  ...reviewContract,
  ...mergeQueueContract,
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
  'settings.updated': SettingsViewSchema,
  ...reviewEventContract,
  ...mergeQueueEventContract,
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
