import type { AgentProfileInfo } from '../../shared/models';
import { type AgentProfile, modesOf } from './profile';

/** What the UI is told about a profile: what it can do, and whether this machine has it. */
export function profileInfo(
  profile: AgentProfile,
  executable: string | null,
  version: string | null,
): AgentProfileInfo {
  return {
    id: profile.id,
    label: profile.label,
    binary: profile.binary,
    installed: profile.takesCommand || executable !== null,
    version,
    installHint: profile.installHint,
    takesCommand: profile.takesCommand,
    takesScenario: profile.takesScenario,
    modes: modesOf(profile),
    approvalModes: profile.approvalModes.map(({ id, label, bypass }) => ({ id, label, bypass })),
    supportsResume: profile.resumeArgs !== null,
    custom: profile.custom,
  };
}
