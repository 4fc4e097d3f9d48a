// The contract's channel names, read off shared/contract at build time, for the code that must
// not carry the contract itself (shared/channel-names.ts: the preload's allow-list, the renderer's
// event check). Used by scripts/build.mjs, vite.config.mts and vitest.config.ts.
import { importTypeScript } from './import-typescript.mjs';

/** Bundles the contract (it is TypeScript), loads it, and lists its keys. */
export async function contractChannelNames() {
  const contract = await importTypeScript('shared/contract/index.ts');
  return { requests: Object.keys(contract.requestContract), events: Object.keys(contract.eventContract) };
}

/**
 * esbuild/Vite `define` that puts the names in place of `SWITCHYARD_CHANNEL_NAMES`, as JSON text:
 * a string is inlined where it is used, where an object would become a module of its own.
 */
export async function channelNamesDefine() {
  return { SWITCHYARD_CHANNEL_NAMES: JSON.stringify(JSON.stringify(await contractChannelNames())) };
}
