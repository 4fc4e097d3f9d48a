import { create } from 'zustand';
import type { AgentProfileInfo } from '../../shared/models';

export interface ProfilesState {
  profiles: AgentProfileInfo[];
  setProfiles(profiles: AgentProfileInfo[]): void;
}

export const useProfilesStore = create<ProfilesState>()((set) => ({
  profiles: [],
  setProfiles: (profiles) => set({ profiles }),
}));

/** The profile a new thread starts with: the first installed one, else the first listed. */
export function defaultProfileId(profiles: AgentProfileInfo[]): string {
  return (profiles.find((p) => p.installed) ?? profiles[0])?.id ?? '';
}
