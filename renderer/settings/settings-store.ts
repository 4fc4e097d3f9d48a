import { create } from 'zustand';
import type { RequestOf, ResponseOf, Result, SwitchyardBridge } from '../../shared/contract';
import type { CustomProfile } from '../../shared/custom-profile';
import type { AgentProfileInfo } from '../../shared/models';
import type { SettingsView } from '../../shared/settings';
import { getBridge } from '../transport/bridge';
import { getActions } from '../state/actions';
import { useUiStore } from '../state/ui-store';

export interface SettingsUiState {
  open: boolean;
}

/** Whether the settings window is up; it lives apart from the dialog slot so it can open over anything. */
export const useSettingsStore = create<SettingsUiState>()(() => ({ open: false }));

/** Opens the settings window (agents, custom profiles, app settings). */
export function openSettings(): void {
  useSettingsStore.setState({ open: true });
}

export function closeSettings(): void {
  useSettingsStore.setState({ open: false });
  // As with every dialog, the agent's terminal is where the user goes next.
  useUiStore.getState().focusTerminal();
}

/**
 * The requests the settings window makes. Saving or deleting a custom profile refreshes the
 * profile list, so the new-thread form offers the change at once.
 */
export function createSettingsRequests(bridge: SwitchyardBridge, refreshProfiles: () => Promise<unknown>) {
  return {
    loadSettings(): Promise<Result<SettingsView>> {
      return bridge.invoke('settings.get', {});
    },

    saveSettings(change: RequestOf<'settings.set'>): Promise<Result<SettingsView>> {
      return bridge.invoke('settings.set', change);
    },

    listCustomProfiles(): Promise<Result<ResponseOf<'profiles.listCustom'>>> {
      return bridge.invoke('profiles.listCustom', {});
    },

    async saveCustomProfile(profile: CustomProfile): Promise<Result<AgentProfileInfo>> {
      const result = await bridge.invoke('profiles.saveCustom', { profile });
      if (result.ok) await refreshProfiles();
      return result;
    },

    async deleteCustomProfile(id: string): Promise<Result<{ deleted: boolean }>> {
      const result = await bridge.invoke('profiles.deleteCustom', { id });
      if (result.ok) await refreshProfiles();
      return result;
    },
  };
}

export type SettingsRequests = ReturnType<typeof createSettingsRequests>;

let requests: SettingsRequests | null = null;

export function getSettingsRequests(): SettingsRequests {
  requests ??= createSettingsRequests(getBridge(), () => getActions().refreshProfiles());
  return requests;
}
