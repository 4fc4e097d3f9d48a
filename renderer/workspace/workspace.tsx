import { useMemo } from 'react';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { MergeQueueView } from '../merge-queue/merge-queue-view';
import { PlansView } from '../plans/plans-view';
import { NoThreadSelected } from '../threads/no-thread-selected';
import { ThreadList } from '../threads/thread-list';
import { ThreadView } from '../threads/thread-view';

/** Sidebar of threads plus the selected thread's terminal or diff. */
export function Workspace() {
  const projectId = useProjectsStore((state) => state.selectedId);
  const byId = useThreadsStore((state) => state.byId);
  const selectedId = useThreadsStore((state) => state.selectedId);
  const thread = selectedId ? byId[selectedId] : undefined;
  const mainView = useUiStore((state) => state.mainView);
  const hasThreads = useMemo(() => Object.values(byId).some((t) => t.projectId === projectId), [byId, projectId]);

  return (
    <div className="workspace">
      <ThreadList />
      <main className="main-area">
        {mainView === 'merge-queue' && projectId ? (
          <MergeQueueView projectId={projectId} />
        ) : mainView === 'plans' && projectId ? (
          <PlansView projectId={projectId} />
        ) : thread && thread.projectId === projectId ? (
          <ThreadView thread={thread} />
        ) : (
          <NoThreadSelected hasThreads={hasThreads} />
        )}
      </main>
    </div>
  );
}
