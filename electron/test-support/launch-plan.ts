import { AgentHostClient, spawnAgentHost } from '../agent-host/agent-host-client';
import { agentHostPaths } from '../agent-host/protocol';
import type { LaunchPlan } from '../threads/thread-runtime';
import { waitFor } from './temp-repo';

/** The environment a plain shell gets in tests: the screen rules know its `$ ` prompt; no history written. */
export const quietShellEnv = (): Record<string, string> => ({
  ...(process.env as Record<string, string>),
  PS1: '$ ',
  HISTFILE: '/dev/null',
});

/**
 * A launch plan of one agent step, `file args` in `cwd`: no banner, no needs-input patterns, 80×24
 * and this process's environment unless told otherwise.
 */
export function oneStepPlan(options: {
  threadId: string;
  threadName?: string;
  cwd: string;
  file: string;
  args: string[];
  profileId?: string;
  env?: Record<string, string>;
  typedPrompt?: string | null;
  cols?: number;
  rows?: number;
}): LaunchPlan {
  return {
    threadId: options.threadId,
    ...(options.threadName === undefined ? {} : { threadName: options.threadName }),
    cwd: options.cwd,
    cols: options.cols ?? 80,
    rows: options.rows ?? 24,
    steps: [
      {
        kind: 'agent',
        banner: null,
        file: options.file,
        args: options.args,
        env: options.env ?? (process.env as Record<string, string>),
        typedPrompt: options.typedPrompt ?? null,
        needsInputPatterns: [],
        profileId: options.profileId ?? 'custom',
      },
    ],
  };
}

const idle = { onEvent: () => undefined, onData: () => undefined, onClose: () => undefined };

/**
 * Starts the agent host bundled at `entry` as an older Switchyard would (speaking `protocol`,
 * which its host inherits through SWITCHYARD_AGENT_HOST_PROTOCOL) and connects to it.
 */
export async function startOlderAgentHost(dataDir: string, entry: string, protocol = 0): Promise<AgentHostClient> {
  const paths = agentHostPaths(dataDir, protocol);
  await spawnAgentHost(
    dataDir,
    { execPath: process.execPath, entry, env: { SWITCHYARD_AGENT_HOST_PROTOCOL: String(protocol) } },
    paths,
  );
  return waitFor(() => AgentHostClient.connect(paths, idle, protocol), 'the older agent host to answer');
}
