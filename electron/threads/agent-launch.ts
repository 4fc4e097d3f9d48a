import { AppError } from '../../shared/errors';
import type { AgentRegistry } from '../agents/agent-registry';
import { fillArgv } from '../agents/argv-template';
import type { AgentProfile } from '../agents/profile';

export interface AgentCommand {
  readonly profile: AgentProfile;
  readonly file: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  /** Text to type into the terminal once the agent is up (tools without a prompt argument). */
  readonly typedPrompt: string | null;
  readonly mode: 'interactive' | 'headless';
  /** Id of the approval mode applied. */
  readonly approvalMode: string;
  /** True when the argv carries an approval-bypass flag. */
  readonly bypassApprovals: boolean;
}

export interface AgentCommandRequest {
  readonly profileId: string;
  readonly prompt: string;
  readonly cwd: string;
  readonly command?: readonly string[] | undefined;
  readonly scenario?: string | undefined;
  readonly mode?: 'interactive' | 'headless' | undefined;
  readonly approvalMode?: string | undefined;
  /** Continue the agent's previous session instead of starting with the prompt. */
  readonly resume?: boolean | undefined;
}

/**
 * Resolves a profile into an exact argv, checking the binary exists first so a missing agent
 * is reported before any worktree is made.
 */
export async function resolveAgentCommand(
  registry: AgentRegistry,
  request: AgentCommandRequest,
): Promise<AgentCommand> {
  const profile = registry.get(request.profileId);
  const values = { prompt: request.prompt, cwd: request.cwd, scenario: request.scenario?.trim() || 'feature' };
  let binary = profile.binary;
  let template = [...profile.args];
  if (profile.takesCommand) {
    const [first, ...rest] = (request.command ?? []).filter((arg) => arg !== '');
    if (!first)
      throw new AppError(
        'invalid-request',
        'The custom command profile needs a command: the program, then one argument per line.',
      );
    binary = first;
    template = rest;
  }
  const file = await registry.requireExecutable(binary, profile);
  const hasPrompt = request.prompt.trim() !== '';
  const args = fillArgv([...template, ...(hasPrompt ? profile.promptArgs : [])], values);
  const typedPrompt = hasPrompt && profile.promptDelivery === 'typed' ? request.prompt : null;
  return {
    profile,
    file,
    args,
    env: { ...profile.env },
    typedPrompt,
    mode: 'interactive',
    approvalMode: 'default',
    bypassApprovals: false,
  };
}

/** The environment an agent runs in: the user's, plus who it is, minus what would confuse it. */
export function agentEnvironment(
  base: NodeJS.ProcessEnv,
  extra: Record<string, string>,
  threadId: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined) env[key] = value;
  }
  // The app's own Electron/node-mode flags must not leak into an agent that runs Node itself.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_NO_ATTACH_CONSOLE;
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', SWITCHYARD_THREAD: threadId, ...extra };
}
