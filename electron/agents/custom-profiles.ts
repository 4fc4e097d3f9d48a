import type { CustomProfile } from '../../shared/custom-profile';
import { carriesPrompt } from './argv-template';
import { type AgentProfile, commonNeedsInputPatterns, toolDefaultApprovalModes } from './profile';

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
