import { useEffect } from 'react';
import type { Thread } from '../../shared/models';
import { notify } from '../state/notices-store';
import { useThreadsStore } from '../state/threads-store';

/** The budget alerts that are new between two versions of the threads (a level reached, not one kept). */
export function newBudgetAlerts(previous: Record<string, Thread>, next: Record<string, Thread>): Thread[] {
  return Object.values(next).filter((thread) => {
    const alert = thread.budgetAlert;
    const before = previous[thread.id]?.budgetAlert;
    return alert !== null && thread.id in previous && (before?.level !== alert.level || before.scope !== alert.scope);
  });
}

/** Tells the dispatcher when a thread nears (80 %) or passes (100 %) a budget: a notice, and a desktop notification when allowed. */
export function useBudgetNotices(): void {
  useEffect(
    () =>
      useThreadsStore.subscribe((state, previous) => {
        if (state.byId === previous.byId) return;
        for (const thread of newBudgetAlerts(previous.byId, state.byId)) {
          const alert = thread.budgetAlert;
          if (!alert) continue;
          const title = alert.level === 'over' ? `${thread.name} is over budget` : `${thread.name} is near its budget`;
          notify({
            tone: alert.level === 'over' ? 'error' : 'info',
            title,
            message: alert.text,
            action: `budget:${thread.id}`,
          });
          if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) {
            new Notification(title, { body: alert.text, tag: `budget:${thread.id}` });
          }
        }
      }),
    [],
  );
}
