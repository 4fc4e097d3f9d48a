// What the agent host needs of follow-ups.ts without its zod schema (zod costs the host ~10 MB resident).

/** Shown with a waiting typed prompt in the thread's status reason. */
export const promptWaitingNote = 'prompt waiting to be typed';
