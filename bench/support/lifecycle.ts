/**
 * Runs a benchmark's main function and then everything registered with `onCleanup` (newest
 * first), also on Ctrl-C, so no agent, browser, host process or temp folder outlives the run.
 */
const cleanups: Array<() => Promise<void> | void> = [];

export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

let cleaning: Promise<void> | null = null;

/** Runs the cleanups once, however many ways the benchmark ends at the same time. */
function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop();
      try {
        await cleanup?.();
      } catch (error) {
        process.stderr.write(`cleanup failed: ${String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

export function runBenchmark(main: () => Promise<void>): void {
  const interrupt = () => {
    process.exitCode = 130;
    void runCleanups().then(() => process.exit());
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  main()
    .catch((error: unknown) => {
      // Interrupted: the failure is only the interruption showing up somewhere.
      if (cleaning) return;
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    })
    .then(() => runCleanups())
    // Sockets and timers of the clients may linger; the figures are printed, so leave.
    .then(() => process.exit());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something truthy. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
