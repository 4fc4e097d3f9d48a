import { z } from 'zod';
import { type ContractGroup, ThreadRef } from './common';

/**
 * Which of a thread's terminals: its agent's, or the plain shell in its worktree (started on first
 * attach, gone with the thread). Absent means the agent's.
 */
export const TerminalKindSchema = z.enum(['agent', 'shell']);
export type TerminalKind = z.infer<typeof TerminalKindSchema>;
const terminal = TerminalKindSchema.optional();
const TerminalRef = ThreadRef.extend({ terminal });

/** `terminal.*`: a thread's terminals (agent or shell), streamed to the windows attached to it with flow control. */
export const terminalContract = {
  requests: {
    /**
     * Start streaming a thread's terminal to this window: returns what it shows so far (`end` is
     * the stream offset after `data`); `terminal.data` events follow from `end` on.
     */
    'terminal.attach': {
      request: TerminalRef,
      response: z.object({ data: z.string(), end: z.number().int() }),
    },
    'terminal.detach': { request: TerminalRef, response: z.object({ detached: z.boolean() }) },
    /** Characters of `terminal.data` that xterm has parsed; lets a paused agent run again. */
    'terminal.ack': {
      request: z
        .object({ threadId: z.string().min(1), terminal, chars: z.number().int().min(0).max(100_000_000) })
        .strict(),
      response: z.object({}),
    },
    'terminal.input': {
      request: z.object({ threadId: z.string().min(1), terminal, data: z.string().max(1_000_000) }).strict(),
      response: z.object({ accepted: z.boolean() }),
    },
    'terminal.resize': {
      request: z
        .object({
          threadId: z.string().min(1),
          terminal,
          cols: z.number().int().min(2).max(1000),
          rows: z.number().int().min(2).max(1000),
        })
        .strict(),
      response: z.object({ resized: z.boolean() }),
    },
  },
  events: {
    /** Sent only to the windows attached to the thread. */
    'terminal.data': z.object({
      threadId: z.string(),
      /** Absent for the agent's terminal. */
      terminal,
      /** Stream offset (in UTF-16 units) of the first character of `data`. */
      start: z.number().int(),
      data: z.string(),
    }),
  },
} as const satisfies ContractGroup<'terminal', 'terminal'>;
