// From channel-names, not the contract: that would pull zod and every schema into the bundle.
import { bridgeGlobalName } from '../../shared/channel-names';
import type { SwitchyardBridge } from '../../shared/contract';

/**
 * The bridge Electron's preload exposes on `window.switchyard`, or null outside Electron.
 * Read through an index instead of augmenting `Window`, so this file cannot clash with a
 * declaration the preload side may make.
 */
export function getElectronBridge(scope: object = globalThis): SwitchyardBridge | null {
  const candidate: unknown = (scope as Record<string, unknown>)[bridgeGlobalName];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const { invoke, on } = candidate as { invoke?: unknown; on?: unknown };
  if (typeof invoke !== 'function' || typeof on !== 'function') return null;
  return candidate as SwitchyardBridge;
}
