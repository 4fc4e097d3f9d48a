import { AppError } from '../../shared/errors';
import { carriesBypassFlag } from './bypass-flags';
import { type AgentMode, type AgentProfile, type ApprovalMode, modesOf } from './profile';

/** What the user chose for one launch of a profile. */
export interface LaunchChoice {
  readonly prompt: string;
  readonly mode?: AgentMode | undefined;
  /** Id of one of the profile's approval modes; its safe default when absent. */
  readonly approvalMode?: string | undefined;
  /** Continue the previous session (resume args) instead of starting with the prompt. */
  readonly resume?: boolean | undefined;
  /** argv for the custom command profile: the program, then its arguments. */
  readonly command?: readonly string[] | undefined;
}

/** A launch with every choice applied, before placeholders are filled. */
export interface PlannedLaunch {
  readonly binary: string;
  readonly template: readonly string[];
  /** The text {prompt} stands for: the prompt, or the follow-up of a headless resume. */
  readonly prompt: string;
  readonly typedPrompt: string | null;
  readonly mode: AgentMode;
  readonly approval: ApprovalMode;
  /** False when resume was asked for but the tool cannot continue: it starts again as created. */
  readonly resumed: boolean;
  readonly bypassApprovals: boolean;
}

/**
 * A headless run always needs a message, and resending the original prompt to a continued
 * session would redo the task; a resumed headless run gets this instead.
 */
export const headlessFollowUp = 'Continue where you left off.';

/** Applies mode, approval mode and resume to a profile. Pure: no file system, no processes. */
export function planLaunch(profile: AgentProfile, choice: LaunchChoice): PlannedLaunch {
  const mode = choice.mode ?? 'interactive';
  const headless = mode === 'headless' ? requireHeadless(profile) : null;
  const approval = chooseApprovalMode(profile, choice.approvalMode);
  const { binary, baseArgs } = commandOf(profile, choice.command, headless?.args ?? profile.args);
  const resumeArgs = choice.resume ? (headless ? headless.resumeArgs : profile.resumeArgs) : null;
  const resumed = resumeArgs !== null;

  let prompt = choice.prompt;
  let promptArgs: readonly string[] = [];
  let typedPrompt: string | null = null;
  if (headless) {
    if (resumed) prompt = headlessFollowUp;
    if (prompt.trim() === '') {
      throw new AppError(
        'invalid-request',
        `A headless ${profile.label} run needs a prompt: it does one task and exits.`,
      );
    }
    promptArgs = headless.promptArgs;
  } else if (!resumed && prompt.trim() !== '') {
    // A resumed session already holds the conversation; sending the prompt again would repeat the task.
    promptArgs = profile.promptArgs;
    if (profile.promptDelivery === 'typed') typedPrompt = prompt;
  }

  const template = [
    ...baseArgs,
    ...(headless ? approval.headlessArgs : approval.args),
    ...(resumeArgs ?? []),
    ...promptArgs,
  ];
  const problem = promptOptionProblem(profile, template, prompt);
  if (problem) throw new AppError('invalid-request', problem, { profileId: profile.id });
  return {
    binary,
    template,
    prompt,
    typedPrompt,
    mode,
    approval,
    resumed,
    // The user's own argv (custom commands and profiles) may carry a bypass flag too.
    bypassApprovals: approval.bypass || carriesBypassFlag(template),
  };
}

/**
 * Why `prompt` would reach the tool as an option rather than as the prompt, or null. A program
 * reads an argument starting with "-" as an option (`--dangerously-skip-permissions` would turn
 * approvals off while the thread shows no bypass badge), also where an option's value is
 * expected (`-i -x`), unless `--` came before it. An argument that only continues with the
 * prompt (`--message={prompt}`) is safe.
 */
export function promptOptionProblem(profile: AgentProfile, template: readonly string[], prompt: string): string | null {
  if (!prompt.startsWith('-')) return null;
  const endOfOptions = template.indexOf('--');
  const exposed = template.some(
    (arg, index) => arg.startsWith('{prompt}') && (endOfOptions === -1 || index < endOfOptions),
  );
  if (!exposed) return null;
  const firstWord = prompt.split(/\s/, 1)[0] ?? prompt;
  return `The prompt starts with "-", so ${profile.label} would read "${firstWord}" as one of its command-line options rather than as your prompt. Start the prompt with another character (a word, or a space) and try again.`;
}

function requireHeadless(profile: AgentProfile) {
  if (profile.headless) return profile.headless;
  throw new AppError(
    'invalid-request',
    `${profile.label} has no headless mode; it runs as: ${modesOf(profile).join(', ')}.`,
    { profileId: profile.id, modes: modesOf(profile) },
  );
}

export function chooseApprovalMode(profile: AgentProfile, id: string | undefined): ApprovalMode {
  const [safeDefault] = profile.approvalModes;
  if (!safeDefault) throw new AppError('internal', `The ${profile.label} profile lists no approval modes.`);
  if (id === undefined) return safeDefault;
  const chosen = profile.approvalModes.find((mode) => mode.id === id);
  if (chosen) return chosen;
  const valid = profile.approvalModes.map((mode) => mode.id);
  throw new AppError(
    'invalid-request',
    `${profile.label} has no approval mode "${id}"; choose one of: ${valid.join(', ')}.`,
    { profileId: profile.id, approvalMode: id, valid },
  );
}

/** The program and its base arguments: the profile's own, or the user's command for the custom profile. */
function commandOf(
  profile: AgentProfile,
  command: readonly string[] | undefined,
  baseArgs: readonly string[],
): { binary: string; baseArgs: readonly string[] } {
  if (!profile.takesCommand) return { binary: profile.binary, baseArgs };
  const [first, ...rest] = (command ?? []).filter((arg) => arg !== '');
  if (!first) {
    throw new AppError(
      'invalid-request',
      'The custom command profile needs a command: the program, then one argument per line.',
    );
  }
  return { binary: first, baseArgs: rest };
}
