import { build } from 'esbuild';
import { channelNamesDefine } from '../../scripts/channel-names.mjs';

/**
 * Bundles one of the app's Node entry points into `outfile` the way the app's build does
 * (scripts/build.mjs: node-pty stays outside, the contract's channel names put in), so tests run
 * the real program without depending on a built dist/.
 */
export async function bundleNodeScript(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['node-pty'],
    define: await channelNamesDefine(),
    logLevel: 'silent',
  });
}
