import { AppError } from '../../shared/errors';
import type { ChangelogSettings, LandingOutcome, LandingStop, LandMode } from '../../shared/merge-queue';
import { branchExists, branchTip, createBranch } from '../git/branch';
import { addedFilesUnder, changedFiles } from '../git/changed-files';
import { mergeBase } from '../git/refs';
import { checkoutDetachedClean } from '../git/reset';
import { applyEntry } from './apply-entry';
import { gatherChangelog, type LandedFragments } from './gather-changelog';
import { ensureIntegrationWorktree } from './integration-worktree';
import {
  type JournalLanded,
  type LandingJournal,
  LandingJournalFile,
  type LandingJournalEntry,
  LandingJournalSchema,
} from './landing-journal';
import { withLandingLock } from './landing-lock';
import { landingHead, publishLanding } from './publish-target';
import { recoverLanding } from './recover-landing';
import { runVerification } from './run-verification';

/** Where a branch's changelog fragments are found when the caller does not name them. */
export const defaultFragmentFolder = '.changes';

export interface LandEntry {
  readonly branch: string;
  /** For messages: the thread's name. */
  readonly label?: string;
  /** Its changelog fragment paths; absent: the files it adds under `.changes/`. */
  readonly fragments?: readonly string[];
}

export type LandStep = 'preparing' | 'applying' | 'verifying' | 'publishing' | 'changelog' | 'done';

export interface LandRequest {
  readonly repo: string;
  readonly target: string;
  readonly entries: readonly LandEntry[];
  readonly mode: LandMode;
  /** Integration verification (argv) run in the integration worktree after each entry. */
  readonly verify: readonly string[] | null;
  /** Folder that holds the integration worktree. */
  readonly worktreeRoot: string;
  readonly changelog: ChangelogSettings | null;
  /** Creates a missing target (an `integration/<name>` branch) from this branch. */
  readonly createFrom?: string | null;
  readonly verifyTimeoutMs?: number;
  readonly onProgress?: (branch: string | null, step: LandStep) => void;
  readonly onOutput?: (branch: string, chunk: string) => void;
  /** Test seam: runs after each journal write, e.g. to simulate a crash at that point. */
  readonly afterJournal?: (journal: Omit<LandingJournal, 'pid' | 'at'>) => Promise<void>;
}

/**
 * Lands branches into a target in order, in Switchyard's integration worktree (never the user's
 * checkout). Each entry is merged (no-ff), squashed or rebased, then verified; only then does the
 * target move (compare-and-swap). The first conflict or failing check stops the run with the
 * target at its commit before that entry and the entry's branch untouched. Fragments of the
 * landed entries are gathered into the changelog in one commit at the end.
 */
export function landBranches(request: LandRequest): Promise<LandingOutcome> {
  const { repo, target } = request;
  return withLandingLock(repo, target, async () => {
    const progress = request.onProgress ?? (() => undefined);
    progress(null, 'preparing');
    const recovery = await recoverLanding(repo, target);
    await ensureTarget(request);
    for (const entry of request.entries) {
      if (!(await branchExists(repo, entry.branch))) {
        throw new AppError('not-found', `There is no branch "${entry.branch}" to land; nothing was landed.`, {
          branch: entry.branch,
        });
      }
    }
    const { targetTip, head } = await landingHead(repo, target);
    const worktree = await ensureIntegrationWorktree(repo, request.worktreeRoot, target, head);
    const journalFile = await LandingJournalFile.of(repo, target);
    // Every entry landed so far, with the fragments it brought: the journal carries them, so a
    // run interrupted before the changelog step leaves them for recovery to gather.
    const landedEntries: JournalLanded[] = [];
    const journal = async (
      entry: Omit<LandingJournalEntry, 'target' | 'worktree' | 'before' | 'landed' | 'changelog'>,
    ) => {
      const written = { target, worktree, before: head, landed: landedEntries, changelog: request.changelog, ...entry };
      await journalFile.write(written);
      await request.afterJournal?.(LandingJournalSchema.omit({ pid: true, at: true }).parse(written));
    };

    let current = head;
    const landed: string[] = [];
    const commits: Record<string, string> = {};
    let notice: string | null = null;
    let stopped: LandingStop | null = null;
    let changelogCommit: string | null = null;
    try {
      for (const entry of request.entries) {
        const { branch } = entry;
        const tip = await branchTip(repo, branch);
        progress(branch, 'applying');
        const paths =
          entry.fragments ??
          (await addedFilesUnder(repo, await mergeBase(repo, tip, current), tip, defaultFragmentFolder));
        await journal({ pre: current, branch, step: 'applying', candidate: null, fragments: [...paths] });
        const applied = await applyEntry(request.mode, {
          repo,
          worktree,
          target,
          onto: current,
          branch,
          tip,
          label: entry.label ?? branch,
        });
        if (!applied.ok) {
          stopped = { branch, reason: 'conflict', files: applied.conflicts, output: '', exitCode: null };
          break;
        }
        if (applied.alreadyIn) {
          // Landed before (say, by a run that was interrupted): no commit. A fragment of it still
          // in the target (named by the caller) is gathered with the others; one gathered is gone.
          landed.push(branch);
          commits[branch] = current;
          landedEntries.push({ branch, commit: current, fragments: entry.fragments ? [...paths] : [] });
          continue;
        }
        if (request.verify?.length) {
          progress(branch, 'verifying');
          await journal({ pre: current, branch, step: 'verifying', candidate: applied.commit, fragments: [...paths] });
          const result = await runVerification(
            request.verify,
            worktree,
            (chunk) => request.onOutput?.(branch, chunk),
            request.verifyTimeoutMs,
          );
          if (!result.ok) {
            const files = await changedFiles(repo, current, applied.commit);
            await checkoutDetachedClean(worktree, current);
            stopped = { branch, reason: 'verify-failed', files, output: result.output, exitCode: result.exitCode };
            break;
          }
        }
        progress(branch, 'publishing');
        await journal({ pre: current, branch, step: 'publishing', candidate: applied.commit, fragments: [...paths] });
        notice = (await publishLanding(repo, target, current, applied.commit)) ?? notice;
        current = applied.commit;
        landed.push(branch);
        commits[branch] = applied.commit;
        landedEntries.push({ branch, commit: applied.commit, fragments: [...paths] });
      }

      const fragments = landedEntries.map((e): LandedFragments => ({ branch: e.branch, paths: e.fragments }));
      if (request.changelog && fragments.some((f) => f.paths.length > 0)) {
        progress(null, 'changelog');
        await journal({ pre: current, branch: null, step: 'changelog', candidate: null });
        const commit = await gatherChangelog(worktree, current, request.changelog, fragments);
        if (commit) {
          await journal({ pre: current, branch: null, step: 'publishing', candidate: commit });
          notice = (await publishLanding(repo, target, current, commit)) ?? notice;
          current = commit;
          changelogCommit = commit;
        }
      }
    } catch (error) {
      // Whatever failed, the worktree goes back to what has landed; the target never saw the rest.
      await checkoutDetachedClean(worktree, current).catch(() => undefined);
      // Fragments of entries that did land stay journalled: the next landing (or the app's start) gathers them.
      const pending = request.changelog !== null && landedEntries.some((e) => e.fragments.length > 0);
      try {
        if (pending) await journal({ pre: current, branch: null, step: 'changelog', candidate: null });
        else await journalFile.clear();
      } catch {
        await journalFile.clear().catch(() => undefined);
      }
      throw error;
    }
    await journalFile.clear();
    progress(null, 'done');
    return {
      target,
      before: targetTip,
      after: current,
      landed,
      commits,
      stopped,
      changelogCommit,
      checkoutNotice: notice,
      recovered: recovery?.message ?? null,
    };
  });
}

/** An `integration/<name>` target is made from its base on first use; any other target must exist. */
async function ensureTarget(request: LandRequest): Promise<void> {
  const { repo, target, createFrom } = request;
  if (await branchExists(repo, target)) return;
  if (!createFrom) throw new AppError('not-found', `The target branch "${target}" does not exist in ${repo}.`);
  if (!(await branchExists(repo, createFrom))) {
    throw new AppError(
      'base-not-found',
      `The base branch "${createFrom}" does not exist, so ${target} cannot be made from it.`,
    );
  }
  await createBranch(repo, target, await branchTip(repo, createFrom));
}
