import { briefRequestChannels } from './channels/briefs';
import { coreRequestChannels } from './channels/core';
import { mergeQueueEventChannels, mergeQueueRequestChannels } from './channels/merge-queue';
import { pipelineRequestChannels } from './channels/pipeline';
import { profileRequestChannels } from './channels/profiles';
import { reviewEventChannels, reviewRequestChannels } from './channels/review';

/**
 * The names alone, with no schema library attached, so the sandboxed preload can allow-list
 * them cheaply. `contract.ts` is checked against these lists at compile time.
 */
export const requestChannels = [
  ...coreRequestChannels,
  ...pipelineRequestChannels,
  ...briefRequestChannels,
  ...profileRequestChannels,
  ...reviewRequestChannels,
  ...mergeQueueRequestChannels,
] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const eventChannels = [
  'terminal.data',
  'thread.updated',
  'thread.removed',
  'project.updated',
  'settings.updated',
  ...reviewEventChannels,
  ...mergeQueueEventChannels,
] as const;
export type EventChannel = (typeof eventChannels)[number];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && (requestChannels as readonly string[]).includes(name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (eventChannels as readonly string[]).includes(name);
}

/** Electron IPC names: each request channel under this prefix; all events on one channel. */
export const ipcRequestPrefix = 'switchyard:';
export const ipcEventChannel = 'switchyard:event';

/** Key under which the Electron preload exposes the bridge on `window`. */
export const bridgeGlobalName = 'switchyard';
