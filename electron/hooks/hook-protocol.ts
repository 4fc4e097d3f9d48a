/**
 * What the relay and the hook server agree on. Kept free of dependencies: the relay that imports
 * it starts for every hook Claude Code fires, so it must stay tiny and quick to load.
 */

/** Environment the agent's pty carries so the relay knows where to report (set by the runtime). */
export const hookEnv = {
  url: 'SWITCHYARD_HOOK_URL',
  token: 'SWITCHYARD_HOOK_TOKEN',
  /** Set for every agent by the launch plan. */
  threadId: 'SWITCHYARD_THREAD',
} as const;

export const hookTokenHeader = 'x-switchyard-hook-token';
export const hookPath = '/hook';
/** A hook's JSON is small; anything bigger is not from Claude Code. */
export const maxHookBodyBytes = 64 * 1024;

/** The Claude Code hook events a thread's relay reports; the status tracker reads them (electron/status/). */
export const hookEventKinds = ['Notification', 'Stop', 'UserPromptSubmit'] as const;
export type HookEventKind = (typeof hookEventKinds)[number];

export interface HookEvent {
  readonly threadId: string;
  readonly kind: HookEventKind;
  readonly message: string | null;
}
