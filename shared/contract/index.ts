import { z } from 'zod';
import { WireErrorSchema } from '../errors';
import { appContract } from './app';
import { attemptsContract } from './attempts';
import { briefsContract } from './briefs';
import { demoContract } from './demo';
import { mergeContract } from './merge';
import { mergeQueueContract } from './merge-queue';
import { plansContract } from './plans';
import { profilesContract } from './profiles';
import { projectsContract } from './projects';
import { reviewContract } from './review';
import { reviewerContract } from './reviewer';
import { settingsContract } from './settings';
import { terminalContract } from './terminal';
import { threadsContract } from './threads';
import { usageContract } from './usage';
import { workspaceContract } from './workspace';

/*
 * The contract between the windows and the main process, one group per channel prefix
 * (`threads.*` in threads.ts, …), each channel declared once, in its group. Everything else is
 * derived from here: the main side's validation and handler types (electron/api/handlers/ has
 * one file per group), the renderer's types, and the allow-lists of the preload and the
 * renderer's wire (shared/channel-names.ts, filled in at build time).
 */

/** Every group, by the channel prefix it owns. */
export const contractGroups = {
  app: appContract,
  projects: projectsContract,
  profiles: profilesContract,
  threads: threadsContract,
  terminal: terminalContract,
  merge: mergeContract,
  demo: demoContract,
  settings: settingsContract,
  briefs: briefsContract,
  review: reviewContract,
  mergeQueue: mergeQueueContract,
  workspace: workspaceContract,
  usage: usageContract,
  attempts: attemptsContract,
  reviewer: reviewerContract,
  plans: plansContract,
} as const;

/**
 * Every request a window may make: channel → request and response schemas. The main side
 * parses each request with these before any service sees it.
 */
export const requestContract = {
  ...appContract.requests,
  ...projectsContract.requests,
  ...profilesContract.requests,
  ...threadsContract.requests,
  ...terminalContract.requests,
  ...mergeContract.requests,
  ...demoContract.requests,
  ...settingsContract.requests,
  ...briefsContract.requests,
  ...reviewContract.requests,
  ...mergeQueueContract.requests,
  ...workspaceContract.requests,
  ...usageContract.requests,
  ...attemptsContract.requests,
  ...reviewerContract.requests,
  ...plansContract.requests,
} as const;

/** Everything main pushes to the windows: event → payload schema. */
export const eventContract = {
  ...appContract.events,
  ...projectsContract.events,
  ...threadsContract.events,
  ...terminalContract.events,
  ...settingsContract.events,
  ...reviewContract.events,
  ...mergeQueueContract.events,
  ...attemptsContract.events,
  ...reviewerContract.events,
  ...plansContract.events,
} as const;

export type RequestChannel = keyof typeof requestContract;
export type EventChannel = keyof typeof eventContract;
/** The request channels of one group, e.g. `ChannelsOf<typeof threadsContract>`. */
export type ChannelsOf<Group extends { readonly requests: object }> = Extract<keyof Group['requests'], RequestChannel>;

export const requestChannels = Object.keys(requestContract) as RequestChannel[];
export const eventChannels = Object.keys(eventContract) as EventChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(requestContract, name);
}

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
