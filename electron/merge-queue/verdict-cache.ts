/**
 * Verdicts keyed by commit shas: a pair's merge result depends only on its two tips, so a cached
 * verdict stays true until one of them moves. Nothing here ever needs invalidating by time.
 */
export class VerdictCache {
  private readonly merges = new Map<string, readonly string[] | null>();
  private readonly changes = new Map<string, readonly string[]>();
  private readonly bases = new Map<string, string>();

  /** Conflicting files of merging the two tips (null: clean); undefined when not computed yet. */
  merge(a: string, b: string): readonly string[] | null | undefined {
    return this.merges.get(pairKey(a, b));
  }

  setMerge(a: string, b: string, conflicts: readonly string[] | null): void {
    this.merges.set(pairKey(a, b), conflicts);
  }

  changed(from: string, to: string): readonly string[] | undefined {
    return this.changes.get(`${from}..${to}`);
  }

  setChanged(from: string, to: string, files: readonly string[]): void {
    this.changes.set(`${from}..${to}`, files);
  }

  mergeBase(a: string, b: string): string | undefined {
    return this.bases.get(pairKey(a, b));
  }

  setMergeBase(a: string, b: string, base: string): void {
    this.bases.set(pairKey(a, b), base);
  }

  get size(): number {
    return this.merges.size;
  }
}

/** Merging is symmetric in which files conflict, so (a, b) and (b, a) share one entry. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
