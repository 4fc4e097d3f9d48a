import { create } from 'zustand';
import type { SwitchyardBridge } from '../../shared/contract';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export interface NotificationsSettingState {
  /** `settings.notifications` from the host; true until the host says otherwise (the setting's default). */
  enabled: boolean;
  /** The browser's answer for this page; 'unsupported' where there is no Notification API. */
  permission: NotificationPermissionState;
}

export const useNotificationsSetting = create<NotificationsSettingState>()(() => ({
  enabled: true,
  permission: currentPermission(),
}));

export function currentPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Keeps `enabled` in step with the host's settings: fetched once, then from `settings.updated`.
 * A host without the settings channel leaves the default. Returns the unsubscribe.
 */
export function followNotificationsSetting(bridge: SwitchyardBridge): () => void {
  let stopped = false;
  void bridge.invoke('settings.get', {}).then((result) => {
    if (!stopped && result.ok) useNotificationsSetting.setState({ enabled: result.value.notifications });
  });
  const unsubscribe = bridge.on('settings.updated', (settings) =>
    useNotificationsSetting.setState({ enabled: settings.notifications }),
  );
  return () => {
    stopped = true;
    unsubscribe();
  };
}

/** Asks the browser for permission; must run from a user gesture (a click). */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission = await Notification.requestPermission();
  useNotificationsSetting.setState({ permission });
  return permission;
}
