import { useAppInfoStore } from '../state/app-info-store';
import { requestNotificationPermission, useNotificationsSetting } from './notifications-setting';

/**
 * Browsers ask for notification permission only from a click, so the sidebar offers one. Shown on
 * the browser host while notifications are on in settings and the browser has not been asked yet.
 */
export function EnableNotificationsControl() {
  const host = useAppInfoStore((state) => state.info?.host ?? null);
  const enabled = useNotificationsSetting((state) => state.enabled);
  const permission = useNotificationsSetting((state) => state.permission);
  if (host !== 'browser' || !enabled || permission !== 'default') return null;
  return (
    <button
      type="button"
      className="enable-notifications"
      data-testid="enable-notifications"
      title="Get a desktop notification when an agent needs your input, finishes or fails"
      onClick={() => void requestNotificationPermission()}
    >
      Enable desktop notifications
    </button>
  );
}
