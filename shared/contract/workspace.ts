import { z } from 'zod';
import { type ContractGroup, ThreadRef } from './common';

/** `workspace.*`: a thread's worktree outside Switchyard — in the user's editor, or their file manager. */
export const workspaceContract = {
  requests: {
    /**
     * Opens the worktree in the editor set in Settings, else `code` or `cursor` on PATH, else
     * $VISUAL / $EDITOR; `argv` is what was run (program first, the worktree last).
     */
    'workspace.openInEditor': { request: ThreadRef, response: z.object({ argv: z.array(z.string()) }) },
    /** Shows the worktree in the system's file manager. */
    'workspace.openFolder': { request: ThreadRef, response: z.object({ opened: z.boolean() }) },
  },
  events: {},
} as const satisfies ContractGroup<'workspace'>;
