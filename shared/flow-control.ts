/**
 * Terminal flow control, host and renderer together: every number the host and the renderer use
 * to keep a thread's output from piling up anywhere, each with why it is what it is.
 *
 * Watched: a producer is paused while a viewer has more than `highWatermark` characters sent but
 * not yet parsed by its xterm (or more than that many bytes still waiting in the host to go out to
 * it), and resumed at or below `lowWatermark`. The window between them is several batches wide, so
 * the pipe never runs dry while acks travel (a high mark below one batch made it stop-and-wait),
 * and it stays under the ~500 K xterm.js advises keeping in flight. The renderer acks in steps of
 * `ackStepChars`.
 *
 * Unwatched: nobody needs more than the screen mirror's scrollback (what an attaching pane is
 * shown) and the log on disk, so a thread nobody watches is read at most `unseenCharsPerSecond` (after a burst of `unseenBurstChars`), and
 * never faster than its log reaches the disk.
 */
export const flowControl = {
  /** Largest message of output: big enough to amortise a message, small enough to parse in a frame or two. */
  maxBatchChars: 64_000,
  highWatermark: 400_000,
  lowWatermark: 200_000,
  ackStepChars: 32_000,
  /**
   * How fast a thread nobody watches is read: ~1 250 lines of 80 columns a second. Agents' screens
   * change a few KB/s and a build or test run prints a few hundred KB in all (the burst below takes
   * that at once), so they never meet it; a runaway flood (`yes`, a log in a loop) does, and is
   * held to this instead of the ~10 M chars/s a pty gives. Read at full speed, 8 such floods grew
   * the host by ~150 MB (the output's strings promoted to V8's old generation, the young generation
   * grown to keep up with the garbage); held to this, by ~30 MB (docs/performance.md).
   * Faster is not free even so: output waits in node-pty's paused stream between reads, lives
   * through young-generation collections and grows V8's heap (200 K/s: ~45 MB in 30 s).
   */
  unseenCharsPerSecond: 100_000,
  /**
   * Output an unwatched thread may produce at once before the rate applies (it refills at the rate,
   * in 10 s): ~12 000 lines of 80 columns, so a program that prints a lot in one go (a diff, a
   * test report) is never slowed. Read at full speed, a burst's strings die young.
   */
  unseenBurstChars: 1_000_000,
  /**
   * Characters queued for a thread's log file above which the producer is paused until the disk
   * catches up to `logLowWatermark`: a slow disk must not turn into host memory.
   */
  logHighWatermark: 1_000_000,
  logLowWatermark: 250_000,
  /**
   * How often a producer paused only because its viewer's connection still holds unsent bytes
   * looks again (a connection says nothing when it drains). Short against the time the high
   * watermark takes to send, long against the cost of one look.
   */
  transportPollMs: 25,
} as const;
