import { detectVersion } from './detect-version';

type Detect = (executable: string, versionArgs: readonly string[]) => Promise<string | null>;

/**
 * Remembers each binary's `--version` for a while: opening the agent list twice should not spawn
 * every CLI twice (some take a second to start). Concurrent asks share one run.
 */
export class VersionCache {
  private readonly entries = new Map<string, { at: number; version: Promise<string | null> }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly detect: Detect = detectVersion,
    private readonly now: () => number = Date.now,
  ) {}

  version(executable: string, versionArgs: readonly string[]): Promise<string | null> {
    const key = JSON.stringify([executable, ...versionArgs]);
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.version;
    const version = this.detect(executable, versionArgs);
    this.entries.set(key, { at: this.now(), version });
    return version;
  }
}
