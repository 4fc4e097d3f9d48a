import type { AgentRegistry } from '../agents/agent-registry';
import { fillArgv, usesPromptFile } from '../agents/argv-template';
import { planLaunch } from '../agents/launch-argv';
import type { AgentMode, AgentProfile } from '../agents/profile';
import { writePromptFile } from '../agents/prompt-file';

export interface AgentCommand {
  readonly profile: AgentProfile;
  readonly file: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  /** Text to type into the terminal once the agent is up (tools without a prompt argument). */
  readonly typedPrompt: string | null;
  readonly mode: AgentMode;
  /** Id of the approval mode applied. */
  readonly approvalMode: string;
  /** True when the argv carries an approval-bypass flag. */
  readonly bypassApprovals: boolean;
  /** True when the argv continues the previous session; false when resume started it again as created. */
  readonly resumed: boolean;
  /** The temporary file written for {promptFile}, if any; safe to delete once the agent has exited. */
  readonly promptFile: string | null;
}

export interface AgentCommandRequest {
  readonly profileId: string;
  readonly prompt: string;
  readonly cwd: string;
  readonly command?: readonly string[] | undefined;
  readonly scenario?: string | undefined;
  readonly mode?: AgentMode | undefined;
  readonly approvalMode?: string | undefined;
  /** Continue the agent's previous session instead of starting with the prompt. */
  readonly resume?: boolean | undefined;
}

/**
 * Resolves a profile into an exact argv: mode, approval mode and resume applied, placeholders
 * filled. Every check that can fail (unknown mode or approval mode, missing binary) runs before
 * anything is written, so a refused launch leaves nothing behind — not even a prompt file.
 */
export async function resolveAgentCommand(
  registry: AgentRegistry,
  request: AgentCommandRequest,
): Promise<AgentCommand> {
  const profile = registry.get(request.profileId);
  const launch = planLaunch(profile, request);
  const file = await registry.requireExecutable(launch.binary, profile);
  const promptFile = usesPromptFile(launch.template) ? await writePromptFile(launch.prompt) : null;
  const args = fillArgv(launch.template, {
    prompt: launch.prompt,
    cwd: request.cwd,
    scenario: request.scenario?.trim() || 'feature',
    ...(promptFile ? { promptFile } : {}),
  });
  return {
    profile,
    file,
    args,
    env: { ...profile.env },
    typedPrompt: launch.typedPrompt,
    mode: launch.mode,
    approvalMode: launch.approval.id,
    bypassApprovals: launch.bypassApprovals,
    resumed: launch.resumed,
    promptFile,
  };
}
