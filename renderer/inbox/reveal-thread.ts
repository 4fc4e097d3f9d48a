import { useProjectsStore } from '../state/projects-store';
import { matchesFilter, useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';

/**
 * Opens a thread wherever it is: switches to its project, shows it in the main area, and widens
 * the sidebar's filter if that would hide it. What the inbox, the attention banner and a desktop
 * notification do on click.
 */
export function revealThread(threadId: string): boolean {
  const thread = useThreadsStore.getState().byId[threadId];
  if (!thread) return false;
  // Selecting the thread right after makes it the project's remembered one, as a click would.
  if (useProjectsStore.getState().selectedId !== thread.projectId) useProjectsStore.getState().select(thread.projectId);
  const threads = useThreadsStore.getState();
  if (!matchesFilter(thread, threads.listFilter)) threads.setListFilter(thread.archived ? 'archived' : 'all');
  useUiStore.getState().setMainView('thread');
  threads.select(thread.id);
  return true;
}
