import type { CustomProfile } from '../../shared/custom-profile';
import { commonNeedsInputPatterns } from '../status/screen-rules';
import { screenPatternHazard } from '../status/user-patterns';
import { carriesPrompt } from './argv-template';
import { type AgentProfile, toolDefaultApprovalModes } from './profile';

/** Where custom profiles live: the app state (StateRepository has exactly this shape). */
export interface CustomProfileStore {
  get(key: 'customProfiles'): readonly CustomProfile[];
  set(key: 'customProfiles', value: CustomProfile[]): Promise<void>;
}

/**
 * A stored custom profile as the launcher sees it. Custom tools run interactive only, with the
 * tool's own approval behaviour, and are never run with `--version` (an arbitrary program may do
 * real work when handed an argument it does not know).
 */
export function customToAgentProfile(custom: CustomProfile): AgentProfile {
  const takesPromptAsArgument = carriesPrompt([...custom.args, ...custom.promptArgs]);
  return {
    id: custom.id,
    label: custom.label,
    binary: custom.binary,
    args: custom.args,
    promptArgs: custom.promptArgs,
    // A tool given no {prompt} or {promptFile} anywhere gets the prompt typed in once it is up.
    promptDelivery: takesPromptAsArgument ? 'argv' : 'typed',
    versionArgs: null,
    env: custom.env,
    needsInputPatterns: custom.needsInputPatterns.length > 0 ? custom.needsInputPatterns : commonNeedsInputPatterns,
    installHint: null,
    resumeArgs: custom.resumeArgs,
    headless: null,
    approvalModes: toolDefaultApprovalModes,
    takesCommand: false,
    takesScenario: false,
    custom: true,
  };
}

/**
 * Why the profile must not be saved although its data is well-formed, or null: a needs-input
 * pattern that backtracks catastrophically (tried off the main thread, within a time bound, on text
 * built from its own characters). Checked on saving only: a stored profile that fails it still
 * loads, and its pattern is turned off the first time it runs too long (electron/status/user-patterns.ts).
 */
export async function customProfileHazard(custom: CustomProfile): Promise<string | null> {
  for (const pattern of custom.needsInputPatterns) {
    const hazard = await screenPatternHazard(pattern);
    if (hazard) return `Needs-input pattern ${hazard}`;
  }
  return null;
}
