/** The merge queue: order, conflict matrix, landing, cleanup of landed threads and orphans. */
export const mergeQueueRequestChannels = [
  'mergeQueue.get',
  'mergeQueue.refresh',
  'mergeQueue.setSettings',
  'mergeQueue.reorder',
  'mergeQueue.useSuggestedOrder',
  'mergeQueue.add',
  'mergeQueue.remove',
  'mergeQueue.land',
  'mergeQueue.skip',
  'mergeQueue.unskip',
  'mergeQueue.handBack',
  'mergeQueue.cleanup',
  'mergeQueue.orphans',
  'mergeQueue.cleanOrphans',
] as const;

/** Pushed when a project's queue, matrix or landing progress changes; and verification output as it comes. */
export const mergeQueueEventChannels = ['mergeQueue.updated', 'mergeQueue.output'] as const;
