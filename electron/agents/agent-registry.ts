import type { AgentProfileInfo } from '../../shared/models';
import { AppError } from '../../shared/errors';
import { detectVersion } from './detect-version';
import { findExecutable } from './find-executable';
import type { AgentProfile } from './profile';

export interface InstalledAgent {
  readonly profile: AgentProfile;
  readonly executable: string | null;
  readonly version: string | null;
}

/** Knows the profiles and which of their binaries this machine has. */
export class AgentRegistry {
  constructor(private readonly profiles: readonly AgentProfile[]) {}

  all(): readonly AgentProfile[] {
    return this.profiles;
  }

  get(id: string): AgentProfile {
    const profile = this.profiles.find((p) => p.id === id);
    if (!profile) throw new AppError('not-found', `There is no agent profile "${id}".`);
    return profile;
  }

  async inspect(profile: AgentProfile, withVersion: boolean): Promise<InstalledAgent> {
    const executable = await findExecutable(profile.binary);
    const version =
      executable && withVersion && profile.versionArgs ? await detectVersion(executable, profile.versionArgs) : null;
    return { profile, executable, version };
  }

  async describeAll(withVersions = true): Promise<AgentProfileInfo[]> {
    const inspected = await Promise.all(this.profiles.map((p) => this.inspect(p, withVersions)));
    return inspected.map(({ profile, executable, version }) => ({
      id: profile.id,
      label: profile.label,
      binary: profile.binary,
      installed: profile.takesCommand || executable !== null,
      version,
      installHint: profile.installHint,
      takesCommand: profile.takesCommand,
      takesScenario: profile.takesScenario,
    }));
  }

  /** The executable for `binary`, or an error naming it — checked before any worktree is made. */
  async requireExecutable(binary: string, profile: AgentProfile): Promise<string> {
    const executable = await findExecutable(binary);
    if (!executable) {
      const hint = profile.installHint ? ` Install it with: ${profile.installHint}` : '';
      throw new AppError(
        'agent-missing',
        `The ${profile.label} agent needs "${binary}", which is not installed or not on PATH.${hint}`,
        { binary, profileId: profile.id },
      );
    }
    return executable;
  }
}
