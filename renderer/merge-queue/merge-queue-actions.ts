import type { RequestChannel, RequestOf, ResponseOf, Result, SwitchyardBridge } from '../../shared/contract';
import type { Orphans, QueueSettings, QueueView } from '../../shared/merge-queue';
import { followUpQueuedMessage } from '../../shared/follow-ups';
import { useThreadsStore } from '../state/threads-store';
import { getBridge } from '../transport/bridge';
import { useMergeQueueStore } from './merge-queue-store';

/**
 * The queue's requests, typed by the contract. Each marks the store busy while it runs, keeps a
 * failure in `error`, and applies its answer: requests answered with the queue view adopt it;
 * landing and skipping start a fresh output and leave the view to the host's pushed updates.
 */
export function createMergeQueueActions(bridge: SwitchyardBridge) {
  const store = () => useMergeQueueStore.getState();

  async function run<C extends RequestChannel>(
    channel: C,
    projectId: string,
    request: RequestOf<C>,
    apply: (value: ResponseOf<C>) => void = () => {},
    options: { freshOutput?: boolean } = {},
  ): Promise<Result<ResponseOf<C>>> {
    useMergeQueueStore.setState({ busy: true });
    store().patch(projectId, options.freshOutput ? { error: null, output: '' } : { error: null });
    try {
      const result = await bridge.invoke(channel, request);
      if (result.ok) apply(result.value);
      else store().patch(projectId, { error: result.error });
      return result;
    } finally {
      useMergeQueueStore.setState({ busy: false });
    }
  }

  const adoptView = (view: QueueView) => store().applyView(view);

  return {
    /** Recomputes the conflict matrix now. */
    refresh: (projectId: string) => run('mergeQueue.refresh', projectId, { projectId }, adoptView),
    setSettings: (projectId: string, settings: QueueSettings) =>
      run('mergeQueue.setSettings', projectId, { projectId, settings }, adoptView),
    reorder: (projectId: string, order: string[]) =>
      run('mergeQueue.reorder', projectId, { projectId, order }, adoptView),
    useSuggestedOrder: (projectId: string) => run('mergeQueue.useSuggestedOrder', projectId, { projectId }, adoptView),
    add: (projectId: string, threadId: string) => run('mergeQueue.add', projectId, { projectId, threadId }, adoptView),
    remove: (projectId: string, threadId: string) =>
      run('mergeQueue.remove', projectId, { projectId, threadId }, adoptView),
    unskip: (projectId: string, threadId: string) =>
      run('mergeQueue.unskip', projectId, { projectId, threadId }, adoptView),

    /** Lands the next entry, or all of them; progress and the outcome come as queue updates. */
    land: (projectId: string, all: boolean) =>
      run('mergeQueue.land', projectId, { projectId, all }, undefined, { freshOutput: true }),
    /** Skips the stopped entry and lands the rest. */
    skipAndContinue: (projectId: string, threadId: string) =>
      run('mergeQueue.skip', projectId, { projectId, threadId, continue: true }, undefined, { freshOutput: true }),

    async handBack(projectId: string, threadId: string) {
      const result = await run('mergeQueue.handBack', projectId, { projectId, threadId }, (handBack) =>
        store().patch(projectId, {
          // The message goes through the agent's follow-up queue: typed once it is ready for input.
          handBack:
            handBack.messaged && useThreadsStore.getState().byId[threadId]?.status !== 'idle'
              ? { ...handBack, message: `${handBack.message} ${followUpQueuedMessage}` }
              : handBack,
        }),
      );
      if (!result.ok) store().patch(projectId, { handBack: null });
      return result;
    },

    cleanupLanded: (projectId: string, threadIds: string[], archive: boolean) =>
      run('mergeQueue.cleanup', projectId, { projectId, threadIds, archive }, (cleanupReport) =>
        store().patch(projectId, { cleanupReport }),
      ),
    findOrphans: (projectId: string) =>
      run('mergeQueue.orphans', projectId, { projectId }, (orphans) => store().patch(projectId, { orphans })),
    cleanOrphans: (projectId: string, found: Orphans) =>
      run(
        'mergeQueue.cleanOrphans',
        projectId,
        {
          projectId,
          prune: found.prunableWorktrees.length > 0,
          branches: found.branches.map((b) => b.branch),
          threadIds: found.threads.map((t) => t.threadId),
        },
        (cleanupReport) => store().patch(projectId, { cleanupReport, orphans: null }),
      ),
  };
}

export type MergeQueueActions = ReturnType<typeof createMergeQueueActions>;

let actions: MergeQueueActions | null = null;

export function getMergeQueueActions(): MergeQueueActions {
  actions ??= createMergeQueueActions(getBridge());
  return actions;
}
