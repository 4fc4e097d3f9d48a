import { z } from 'zod';
import type { Result } from '../../shared/contract';
import type { WireError } from '../../shared/errors';

/**
 * Frames on the browser host's WebSocket, all JSON text. renderer/transport/wire.ts mirrors the
 * server frames (the renderer does not import from electron/).
 */

/** Frames a browser sends. Anything else is answered with an `error` frame. */
export const ClientFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  /**
   * A frame the host could not take as a request (not JSON, not a request, binary). `id` is the
   * request's when one could be read, so the caller waiting for it gets its answer; else null.
   */
  | { type: 'error'; id: number | null; error: WireError };

/**
 * Close code for a tab that left more output unread than the host will hold for it
 * (see maxBufferedBytesPerConnection). Reconnecting helps: the page fetches everything afresh.
 */
export const slowConsumerCloseCode = 4408;
