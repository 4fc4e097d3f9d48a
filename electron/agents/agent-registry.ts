import type { CustomProfile } from '../../shared/custom-profile';
import { AppError } from '../../shared/errors';
import type { AgentProfileInfo } from '../../shared/models';
import { type CustomProfileStore, customProfileHazard, customToAgentProfile } from './custom-profiles';
import { findExecutable } from './find-executable';
import type { AgentProfile } from './profile';
import { profileInfo } from './profile-info';
import { VersionCache } from './version-cache';

export interface InstalledAgent {
  readonly profile: AgentProfile;
  readonly executable: string | null;
  readonly version: string | null;
}

/**
 * Knows the profiles — the built-in ones and the user's, read from the store on every call so a
 * saved profile is usable at once — and which of their binaries this machine has.
 */
export class AgentRegistry {
  private readonly versions = new VersionCache();

  constructor(
    private readonly builtins: readonly AgentProfile[],
    /** Without a store (e.g. `switchyard doctor`) there are only the built-in profiles. */
    private readonly customStore: CustomProfileStore | null = null,
  ) {}

  all(): readonly AgentProfile[] {
    return [...this.builtins, ...this.customProfiles().map(customToAgentProfile)];
  }

  get(id: string): AgentProfile {
    const profile = this.all().find((p) => p.id === id);
    if (!profile) throw new AppError('not-found', `There is no agent profile "${id}".`);
    return profile;
  }

  async inspect(profile: AgentProfile, withVersion: boolean): Promise<InstalledAgent> {
    const executable = await findExecutable(profile.binary);
    const version =
      executable && withVersion && profile.versionArgs
        ? await this.versions.version(executable, profile.versionArgs)
        : null;
    return { profile, executable, version };
  }

  async describe(profile: AgentProfile, withVersion = true): Promise<AgentProfileInfo> {
    const { executable, version } = await this.inspect(profile, withVersion);
    return profileInfo(profile, executable, version);
  }

  describeAll(withVersions = true): Promise<AgentProfileInfo[]> {
    return Promise.all(this.all().map((profile) => this.describe(profile, withVersions)));
  }

  customProfiles(): CustomProfile[] {
    return [...(this.customStore?.get('customProfiles') ?? [])];
  }

  /** Adds the profile, or replaces the one with its id. */
  async saveCustom(profile: CustomProfile): Promise<AgentProfileInfo> {
    const store = this.requireStore();
    if (this.builtins.some((builtin) => builtin.id === profile.id)) {
      throw new AppError('invalid-request', `"${profile.id}" is a built-in profile; give the custom one another id.`);
    }
    const hazard = await customProfileHazard(profile);
    if (hazard) throw new AppError('invalid-request', hazard);
    const others = store.get('customProfiles').filter((existing) => existing.id !== profile.id);
    await store.set('customProfiles', [...others, profile]);
    return this.describe(customToAgentProfile(profile));
  }

  async deleteCustom(id: string): Promise<boolean> {
    const store = this.requireStore();
    const current = store.get('customProfiles');
    const remaining = current.filter((profile) => profile.id !== id);
    if (remaining.length === current.length) return false;
    await store.set('customProfiles', remaining);
    return true;
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

  private requireStore(): CustomProfileStore {
    if (!this.customStore) throw new AppError('unsupported', 'Custom agent profiles are not available here.');
    return this.customStore;
  }
}
