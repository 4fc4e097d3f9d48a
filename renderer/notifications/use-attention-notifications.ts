import { useEffect } from 'react';
import type { Thread } from '../../shared/models';
import { revealThread } from '../inbox/reveal-thread';
import { useAppInfoStore } from '../state/app-info-store';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { getBridge } from '../transport/bridge';
import { startAttentionNotifier } from './attention-notifier';
import { followNotificationsSetting, useNotificationsSetting } from './notifications-setting';

function isLookingAt(thread: Thread): boolean {
  return (
    document.visibilityState === 'visible' &&
    document.hasFocus() &&
    useThreadsStore.getState().selectedId === thread.id &&
    useProjectsStore.getState().selectedId === thread.projectId
  );
}

function reveal(thread: Thread): void {
  window.focus();
  revealThread(thread.id);
}

function show(notice: { title: string; body: string; tag: string }, onClick: () => void): void {
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.onclick = () => {
    onClick();
    notification.close();
  };
}

/**
 * Desktop notifications for the browser host, while the component using it is mounted. The
 * Electron app's main process notifies natively (electron/shell/notifications.ts) instead.
 */
export function useAttentionNotifications(): void {
  const host = useAppInfoStore((state) => state.info?.host ?? null);
  useEffect(() => {
    if (host !== 'browser' || typeof Notification === 'undefined') return;
    const stopFollowing = followNotificationsSetting(getBridge());
    const stopNotifying = startAttentionNotifier({
      show,
      isLookingAt,
      reveal,
      isEnabled: () => useNotificationsSetting.getState().enabled && Notification.permission === 'granted',
    });
    return () => {
      stopFollowing();
      stopNotifying();
    };
  }, [host]);
}
