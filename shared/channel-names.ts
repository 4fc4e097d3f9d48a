/**
 * The names alone, with no schema library attached, so the sandboxed preload can allow-list
 * them cheaply. `contract.ts` is checked against these lists at compile time.
 */
export const requestChannels = [
  'app.info',
  'projects.list',
  'projects.open',
  'projects.pickFolder',
  'projects.branches',
  'projects.setWorktreeRoot',
  'profiles.list',
  'threads.list',
  'threads.create',
  'threads.stop',
  'threads.remove',
  'terminal.input',
  'terminal.resize',
  'terminal.replay',
  'diff.get',
  'merge.run',
  'demo.start',
] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const eventChannels = ['terminal.data', 'thread.updated', 'thread.removed', 'project.updated'] as const;
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
