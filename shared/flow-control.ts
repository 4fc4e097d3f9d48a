/**
 * Terminal flow control, host and renderer together. A producer is paused while a viewer has more
 * than `highWatermark` characters sent but not yet parsed by its xterm, and resumed at or below
 * `lowWatermark`. The window between them is several batches wide, so the pipe never runs dry
 * while acks travel (a high mark below one batch made it stop-and-wait), and it stays under the
 * ~500 K xterm.js advises keeping in flight. The renderer acks in steps of `ackStepChars`.
 */
export const flowControl = {
  /** Largest message of output: big enough to amortise a message, small enough to parse in a frame or two. */
  maxBatchChars: 64_000,
  highWatermark: 400_000,
  lowWatermark: 200_000,
  ackStepChars: 32_000,
} as const;
