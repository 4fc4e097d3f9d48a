import type { EventChannel, RequestChannel } from './contract';

/**
 * The contract's channel names, for the two places that must not carry the contract itself (zod
 * and every schema): the sandboxed preload's allow-list and the renderer's check of incoming
 * events. Not written by hand: `SWITCHYARD_CHANNEL_NAMES` is replaced at build time with the keys
 * of shared/contract, as JSON text (scripts/channel-names.mjs, used by scripts/build.mjs,
 * vite.config.mts and vitest.config.ts).
 */
declare const SWITCHYARD_CHANNEL_NAMES: string;

let names: { readonly requests: ReadonlySet<string>; readonly events: ReadonlySet<string> } | undefined;

/** Read on first use, so a bundle that only needs the IPC names below works without the list. */
function channelNames(): NonNullable<typeof names> {
  if (!names) {
    const { requests, events } = JSON.parse(SWITCHYARD_CHANNEL_NAMES) as { requests: string[]; events: string[] };
    names = { requests: new Set(requests), events: new Set(events) };
  }
  return names;
}

export function isRequestChannelName(name: unknown): name is RequestChannel {
  return typeof name === 'string' && channelNames().requests.has(name);
}

export function isEventChannelName(name: unknown): name is EventChannel {
  return typeof name === 'string' && channelNames().events.has(name);
}

/** Electron IPC names: each request channel under this prefix; all events on one channel. */
export const ipcRequestPrefix = 'switchyard:';
export const ipcEventChannel = 'switchyard:event';

/** Key under which the Electron preload exposes the bridge on `window`. */
export const bridgeGlobalName = 'switchyard';
