import type { Thread } from '../../shared/models';
import { inboxCount } from '../inbox/inbox-selection';
import { openInbox } from '../inbox/inbox-store';
import { reviewActions } from '../review/review-api';
import { reviewerActions } from '../review/reviewer-store';
import { openPlans } from '../plans/plans-store';
import { openSettings } from '../settings/settings-store';
import { getActions } from '../state/actions';
import { useAppInfoStore } from '../state/app-info-store';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { useOpenRepositoryPopover } from '../state/open-repository-popover-store';
import { openUsageView } from '../usage/usage-store';
import { type Command, nextThreadNeedingMe, sidebarThreads } from './command-registry';

const finished: ReadonlySet<Thread['status']> = new Set(['done', 'failed', 'stopped']);

/** In a browser tab (not the Electron window), where the browser keeps Ctrl+N and Ctrl+1…9. */
export function inBrowserTab(): boolean {
  return useAppInfoStore.getState().info?.host === 'browser';
}

/** Shows a thread in the main area, as a click on its sidebar row does. */
export function goToThread(threadId: string): void {
  useUiStore.getState().setMainView('thread');
  useThreadsStore.getState().select(threadId);
}

/** The threads of the sidebar, in the order it shows them right now. */
export function shownThreads(): Thread[] {
  const { byId, listSort, listFilter } = useThreadsStore.getState();
  return sidebarThreads(byId, useProjectsStore.getState().selectedId, listSort, listFilter);
}

/** Goes to the next thread waiting for the dispatcher; reveals it if the sidebar's filter hid it. */
export function goToNextNeedingMe(): boolean {
  const threadsState = useThreadsStore.getState();
  const projectId = useProjectsStore.getState().selectedId;
  const all = sidebarThreads(threadsState.byId, projectId, threadsState.listSort, 'all');
  const next = nextThreadNeedingMe(all, threadsState.selectedId);
  if (!next) return false;
  if (!shownThreads().some((thread) => thread.id === next.id)) threadsState.setListFilter('all');
  goToThread(next.id);
  return true;
}

function openRepository(): void {
  if (useAppInfoStore.getState().info?.canPickFolder) {
    void getActions().pickAndOpenProject();
    return;
  }
  // The browser host cannot browse folders: the welcome panel's path field, or the top bar's popover.
  const field = document.querySelector<HTMLInputElement>('[data-testid="project-path-input"]');
  if (field) field.focus();
  else useOpenRepositoryPopover.getState().setOpen(true);
}

/**
 * Every command, for the current state of the stores. Built afresh when asked (the palette opens, a
 * key is pressed), so `enabled` always reflects what the dispatcher sees.
 */
export function buildCommands(): Command[] {
  const ui = useUiStore.getState();
  const projectId = useProjectsStore.getState().selectedId;
  const { byId, selectedId } = useThreadsStore.getState();
  const selected = selectedId ? byId[selectedId] : undefined;
  const thread = selected && selected.projectId === projectId ? selected : undefined;
  const hasProject = projectId !== null;
  const name = thread ? ` — ${thread.name}` : '';

  const actions: Command[] = [
    {
      id: 'palette.open',
      title: 'Command palette',
      group: 'action',
      shortcut: { key: 'k', mod: true },
      enabled: true,
      run: () => ui.setOverlay('palette'),
    },
    {
      id: 'thread.new',
      title: 'New thread…',
      group: 'action',
      shortcut: { key: 'n', mod: true, altInBrowser: true },
      enabled: hasProject,
      run: () => ui.openDialog({ kind: 'new-thread' }),
    },
    {
      id: 'thread.next-needing-me',
      title: 'Next thread that needs me',
      keywords: 'waiting needs input failed attention',
      group: 'action',
      shortcut: { key: 'j', mod: true },
      enabled: hasProject,
      run: () => void goToNextNeedingMe(),
    },
    {
      id: 'inbox.open',
      title: `Needs you — waiting and failed threads of every project (${inboxCount(byId, useProjectsStore.getState().projects)})`,
      keywords: 'inbox attention waiting needs input failed all projects',
      group: 'action',
      enabled: true,
      run: openInbox,
    },
    {
      id: 'usage.open',
      title: 'Usage — spend per project, model, plan run and day',
      keywords: 'cost tokens budget spend dollars',
      group: 'action',
      enabled: true,
      run: openUsageView,
    },
    {
      id: 'plans.open',
      title: 'Plans — check, dry-run and run a batch of briefs',
      keywords: 'plan batch dispatch waves checklist dry run',
      group: 'action',
      enabled: hasProject,
      run: openPlans,
    },
    {
      id: 'merge-queue.open',
      title: ui.mainView === 'merge-queue' ? 'Close the merge queue' : 'Open the merge queue',
      group: 'action',
      enabled: hasProject,
      run: () => ui.setMainView(ui.mainView === 'merge-queue' ? 'thread' : 'merge-queue'),
    },
    {
      id: 'thread.tab.terminal',
      title: `Show the terminal${name}`,
      group: 'action',
      enabled: thread !== undefined,
      run: () => {
        ui.setMainView('thread');
        ui.setTab('terminal');
        ui.focusTerminal();
      },
    },
    {
      id: 'thread.tab.review',
      title: `Review the changes${name}`,
      keywords: 'diff',
      group: 'action',
      enabled: thread !== undefined,
      run: () => {
        ui.setMainView('thread');
        ui.setTab('diff');
      },
    },
    {
      id: 'review.approve',
      title: `Approve${name}`,
      group: 'action',
      enabled: thread !== undefined && thread.review.state !== 'approved',
      run: () => thread && void reviewActions.decide(thread.id, 'approved'),
    },
    {
      id: 'review.ask-reviewer',
      title: `Ask for a review (reviewer agent)${name}`,
      group: 'action',
      enabled: thread !== undefined,
      run: () => thread && void reviewerActions.ask(thread.id),
    },
    {
      id: 'thread.stop',
      title: `Stop the agent${name}`,
      group: 'action',
      enabled: thread !== undefined && !finished.has(thread.status),
      run: () => thread && void getActions().stopThread(thread.id),
    },
    {
      id: 'thread.resume',
      title: `Resume the agent${name}`,
      group: 'action',
      enabled: thread !== undefined && finished.has(thread.status) && !thread.worktreeMissing,
      run: () => thread && void getActions().resumeThread(thread.id),
    },
    {
      id: 'thread.merge',
      title: thread ? `Merge into ${thread.baseBranch}${name}` : 'Merge the thread',
      group: 'action',
      enabled: thread !== undefined,
      run: () => thread && ui.openDialog({ kind: 'merge', thread }),
    },
    {
      id: 'thread.remove',
      title: `Remove the thread${name}…`,
      group: 'action',
      enabled: thread !== undefined,
      run: () => thread && ui.openDialog({ kind: 'remove', thread }),
    },
    {
      id: 'repository.open',
      title: 'Open a repository…',
      keywords: 'project folder',
      group: 'action',
      enabled: true,
      run: openRepository,
    },
    {
      id: 'settings.open',
      title: 'Settings',
      keywords: 'preferences profiles',
      group: 'action',
      enabled: true,
      run: openSettings,
    },
    {
      id: 'shortcuts.show',
      title: 'Keyboard shortcuts',
      keywords: 'keys help',
      group: 'action',
      shortcut: { key: '?' },
      enabled: true,
      run: () => ui.setOverlay('shortcuts'),
    },
  ];

  // Threads come in sidebar order, so the first nine carry the mod+n they answer to.
  const threads: Command[] = shownThreads().map((t, index) => ({
    id: `thread.go:${t.id}`,
    title: t.name,
    keywords: `${t.branch} ${t.status}`,
    group: 'thread',
    shortcut: index < 9 ? { key: String(index + 1), mod: true, altInBrowser: true } : undefined,
    enabled: true,
    run: () => goToThread(t.id),
  }));
  return [...actions, ...threads];
}
