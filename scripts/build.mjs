// One build for every part: esbuild bundles the Node/Electron side, Vite builds the renderer.
// Why this split: docs/decisions/0001-build.md.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { channelNamesDefine } from './channel-names.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quiet = process.argv.includes('--quiet') || process.env.npm_lifecycle_event === 'prepare';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const nodeEntries = {
  main: 'electron/main.ts',
  preload: 'electron/preload.ts',
  cli: 'electron/cli/switchyard.ts',
  'demo-agent': 'electron/demo-agent/demo-agent.ts',
  'hook-relay': 'electron/hooks/hook-relay.ts',
  'git-worker': 'electron/git/git-worker.ts',
  'agent-host': 'electron/agent-host/agent-host-main.ts',
};

async function buildNode() {
  await esbuild({
    absWorkingDir: root,
    entryPoints: nodeEntries,
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native and runtime-provided modules stay outside the bundle.
    external: ['electron', 'node-pty'],
    // The preload's allow-list: the contract's channel names (shared/channel-names.ts).
    define: await channelNamesDefine(),
    logLevel: quiet ? 'warning' : 'info',
  });
}

async function buildRenderer() {
  await viteBuild({
    configFile: path.join(root, 'vite.config.mts'),
    logLevel: quiet ? 'warn' : 'info',
  });
}

if (!only || only === 'node') await buildNode();
if (!only || only === 'renderer') await buildRenderer();
