/** The merge queue: order, conflict matrix, landing, cleanup of landed threads and orphans. */
export const mergeQueueRequestChannels = [] as const;

/** Pushed when a project's queue, matrix or landing progress changes. */
export const mergeQueueEventChannels = [] as const;
