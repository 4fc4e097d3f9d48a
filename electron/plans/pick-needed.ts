/** What the run log and the Plans view say while a task's attempts wait for someone to pick one. */

/** How one attempt ended, as far as its pick goes (the runner's AttemptResult). */
export interface AttemptEnd {
  readonly attempt: number | null;
  readonly status: 'finished' | 'failed' | 'timeout' | 'over-budget' | 'not-run';
  readonly exitCode: number | null;
  readonly verified: boolean | null;
  readonly linesChanged: number;
  /** Files changed since the attempt's start; null when its branch has no commit of its own. */
  readonly files: number | null;
}

export interface PickNeeded {
  readonly pick: 'auto' | 'manual';
  readonly message: string;
  readonly attempts: readonly { readonly attempt: number | null; readonly why: string }[];
}

/** An attempt's end in a few words: how its agent ended, then what it left. */
export function attemptEndWords(end: AttemptEnd): string {
  const words: string[] = [];
  if (end.status === 'not-run') return 'not run';
  if (end.status === 'failed') words.push(`its agent failed${end.exitCode === null ? '' : ` (exit ${end.exitCode})`}`);
  if (end.status === 'timeout') words.push('timed out');
  if (end.status === 'over-budget') words.push('over its budget');
  if (end.files === null) words.push('no commit');
  else if (end.linesChanged === 0) words.push('no change');
  else if (end.verified === false) words.push('verification failed');
  else if (end.verified === true) words.push('verified');
  else if (end.status === 'finished') words.push('finished');
  return words.join(', ');
}

/**
 * Why the run waits for a pick by hand: `"pick":"manual"`, or an automatic pick that found no
 * attempt it may take (none finished with a verified change). Says what each attempt left and
 * what ends the wait.
 */
export function pickNeeded(pick: 'auto' | 'manual', ends: readonly AttemptEnd[]): PickNeeded {
  const attempts = ends.map((end) => ({ attempt: end.attempt, why: attemptEndWords(end) }));
  const each = attempts.map((a) => `attempt ${a.attempt ?? '?'}: ${a.why}`).join('; ');
  const ask = 'pick one in Compare (it is verified, then lands as the task), or Stop the run';
  const message =
    pick === 'manual'
      ? `"pick": "manual" — waiting for an attempt to be picked (${each}): ${ask}`
      : `no attempt could be picked automatically (${each}): ${ask}`;
  return { pick, message, attempts };
}
