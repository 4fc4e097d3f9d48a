import { z } from 'zod';

/** Frames a browser sends over the WebSocket. Everything else is refused. */
export const ClientFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  { type: 'response'; id: number; result: unknown } | { type: 'event'; event: string; payload: unknown };
