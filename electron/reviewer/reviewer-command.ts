import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AgentRegistry } from '../agents/agent-registry';
import { fillArgv, usesPromptFile } from '../agents/argv-template';
import { planLaunch } from '../agents/launch-argv';
import type { AgentProfile } from '../agents/profile';
import { reviewBaseEnv } from '../demo-agent/review-diff';

/** The demo agent's scenario that reviews a diff. */
export const demoReviewScenario = 'review';

/**
 * The reviewer when none is chosen: an installed agent with a headless mode other than the
 * worker's own (a second opinion from the same agent is a weaker one), else the demo agent's
 * review scenario, which is always there.
 */
export async function defaultReviewer(agents: AgentRegistry, workerProfileId: string): Promise<AgentProfile> {
  for (const profile of agents.all()) {
    if (profile.id === workerProfileId || !profile.headless || profile.custom || profile.takesCommand) continue;
    if (profile.id === 'demo') continue;
    const { executable } = await agents.inspect(profile, false);
    if (executable) return profile;
  }
  return agents.get('demo');
}

export interface ReviewerCommand {
  readonly argv: string[];
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The reviewer's argv (never a shell line): the profile's headless (print) mode with the prompt,
 * in its read-only approval mode ("plan") where it has one; the demo agent runs its review
 * scenario and reads the diff itself, from the base commit in its environment.
 */
export async function reviewerCommand(
  agents: AgentRegistry,
  profile: AgentProfile,
  options: { prompt: string; cwd: string; runDir: string; baseCommit: string },
): Promise<ReviewerCommand> {
  const env = { ...process.env, ...profile.env, [reviewBaseEnv]: options.baseCommit };
  if (profile.takesScenario) {
    const executable = await agents.requireExecutable(profile.binary, profile);
    const args = fillArgv(profile.args, { prompt: '', cwd: options.cwd, scenario: demoReviewScenario });
    return { argv: [executable, ...args], env };
  }
  if (!profile.headless) {
    throw new AppError(
      'invalid-request',
      `${profile.label} has no headless (print) mode, so it cannot review on its own; choose another reviewer.`,
      { profileId: profile.id },
    );
  }
  const readOnlyMode = profile.approvalModes.find((mode) => mode.id === 'plan')?.id;
  const plan = planLaunch(profile, { prompt: options.prompt, mode: 'headless', approvalMode: readOnlyMode });
  const executable = await agents.requireExecutable(plan.binary, profile);
  const promptFile = path.join(options.runDir, 'review-prompt.md');
  if (usesPromptFile(plan.template)) await writeFile(promptFile, plan.prompt, 'utf8');
  const args = fillArgv(plan.template, { prompt: plan.prompt, cwd: options.cwd, scenario: '', promptFile });
  return { argv: [executable, ...args], env };
}
