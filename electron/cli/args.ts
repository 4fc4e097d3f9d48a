export class UsageError extends Error {}

/** Runs an argument parser and turns its complaints into a usage message instead of a stack trace. */
export function withUsageErrors<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
