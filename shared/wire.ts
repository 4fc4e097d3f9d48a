import { z } from 'zod';
import type { EventChannel, RequestChannel, Result } from './contract';
import type { WireError } from './errors';

/**
 * The browser host's WebSocket protocol, for both ends (electron/host/ and
 * renderer/transport/): every frame is JSON text. A page sends requests; the host answers each,
 * pushes events, and answers a frame it cannot take as a request with an `error` frame.
 */

/** A request as a page sends it. The host checks the payload against the contract, not here. */
export interface RequestFrame {
  type: 'request';
  id: number;
  channel: RequestChannel;
  payload: unknown;
}

/**
 * What the host accepts from a page: the envelope of a request (an unknown channel is answered
 * by the request router, so it is only bounded here). Anything else gets an `error` frame.
 */
export const ClientFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

/** What the host sends a page. */
export type ServerFrame =
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventChannel; payload: unknown }
  /**
   * A frame the host could not take as a request (not JSON, not a request, binary). `id` is the
   * request's when one could be read, so the caller waiting for it gets its answer; else null.
   */
  | { type: 'error'; id: number | null; error: WireError };

/**
 * Close code when the page's access token is wrong (typically a page left open across a server
 * restart): reconnecting cannot help, opening the new URL can.
 */
export const tokenRefusedCloseCode = 4401;

/**
 * Close code for a tab that left more output unread than the host will hold for it
 * (maxBufferedBytesPerConnection in limits.ts). Reconnecting helps: the
 * page fetches everything afresh.
 */
export const slowConsumerCloseCode = 4408;
