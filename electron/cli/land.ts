import path from 'node:path';
import { parseArgs } from 'node:util';
import { LandModeSchema } from '../../shared/merge-queue';
import { currentBranch, resolveRepoRoot } from '../git/repo';
import { landBranches } from '../merge-queue/land-branches';
import { verificationArgv } from '../review/command-argv';
import { defaultWorktreeRoot } from '../projects/project-service';
import { UsageError, withUsageErrors } from './args';

export const landHelp = `Usage: switchyard land [--repo PATH] [--target BRANCH] BRANCH… [options]

Lands the branches into the target in the order given, in Switchyard's integration worktree
(never your checkout). After each one the verification command runs there; the first conflict
or failing check stops the run: the target stays at its commit before that branch, and the
branch is left untouched. A landing interrupted by a crash is undone on the next run.

  --repo PATH             the repository (default: the current folder)
  --target BRANCH         the branch to land into (default: the checked-out branch)
  --base BRANCH           make the target from this branch when it does not exist (integration/<name>)
  --mode MODE             merge (a merge commit, the default), squash, or rebase (replayed, then fast-forward)
  --verify CMD            run after each branch, e.g. --verify "npm test": one line, split into words
                          like a shell would (quotes, backslashes) but run without one; shell syntax
                          (&&, |, $VAR, globs, redirections…) is refused unless --shell is given
  --shell PATH            run the --verify command through this shell: [PATH, -c, CMD]
  --changelog FILE        gather the branches' changelog fragments (.changes/*) into FILE, then remove them
  --changelog-heading H   the heading they go under (default "## Unreleased")
  --worktree-root DIR     where the integration worktree lives (default: <repo>.worktrees)
  --json                  print one object: {"target", "before", "after", "landed": [branches],
                          "stopped": null | {"branch", "reason": "conflict" | "verify-failed", "files"}}

Exits 0 only if every branch landed.`;

export async function runLand(argv: string[]): Promise<number> {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      options: {
        repo: { type: 'string' },
        target: { type: 'string' },
        base: { type: 'string' },
        mode: { type: 'string', default: 'merge' },
        verify: { type: 'string' },
        shell: { type: 'string' },
        changelog: { type: 'string' },
        'changelog-heading': { type: 'string', default: '## Unreleased' },
        'worktree-root': { type: 'string' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (positionals.length === 0) throw new UsageError('name at least one branch to land');
  const mode = LandModeSchema.safeParse(values.mode);
  if (!mode.success) throw new UsageError(`--mode must be merge, squash or rebase, not "${values.mode}"`);
  if (values.shell !== undefined && values.verify === undefined) throw new UsageError('--shell needs --verify');
  if (values.shell === '') throw new UsageError('--shell needs the path of a shell');
  const verify =
    values.verify !== undefined
      ? withUsageErrors(
          () =>
            verificationArgv(
              values.verify as string,
              values.shell ?? null,
              'it runs without a shell: add --shell /bin/sh (or another shell) to run it through that shell.',
            ).argv,
        )
      : null;
  const repo = await resolveRepoRoot(path.resolve(values.repo ?? '.'));
  const target = values.target ?? (await currentBranch(repo));
  if (!target) throw new UsageError('the repository has a detached HEAD; name the target with --target');

  const outcome = await landBranches({
    repo,
    target,
    entries: positionals.map((branch) => ({ branch })),
    mode: mode.data,
    verify,
    worktreeRoot: path.resolve(values['worktree-root'] ?? defaultWorktreeRoot(repo)),
    changelog: values.changelog ? { file: values.changelog, heading: values['changelog-heading'] } : null,
    createFrom: values.base ?? null,
    onProgress: values.json
      ? undefined
      : (branch, step) => branch && step === 'applying' && console.error(`landing ${branch}…`),
    onOutput: values.json ? undefined : (_branch, chunk) => process.stderr.write(chunk),
  });
  if (outcome.recovered) console.error(`switchyard land: ${outcome.recovered}`);
  if (outcome.checkoutNotice) console.error(`switchyard land: ${outcome.checkoutNotice}`);
  const { stopped } = outcome;
  if (values.json) {
    console.log(
      JSON.stringify({
        target: outcome.target,
        before: outcome.before,
        after: outcome.after,
        landed: outcome.landed,
        stopped: stopped ? { branch: stopped.branch, reason: stopped.reason, files: stopped.files } : null,
      }),
    );
  } else {
    console.log(
      `Landed ${outcome.landed.length} of ${positionals.length} into ${target}: ${outcome.before.slice(0, 7)} → ${outcome.after.slice(0, 7)}`,
    );
    if (outcome.changelogCommit) console.log(`Changelog fragments gathered in ${outcome.changelogCommit.slice(0, 7)}`);
    if (stopped) {
      const why =
        stopped.reason === 'conflict'
          ? 'conflicts in'
          : `failed verification (exit ${stopped.exitCode ?? '?'}); it changes`;
      console.log(
        `Stopped at ${stopped.branch}: ${why} ${stopped.files.join(', ')}. ${target} is at its commit before it; ${stopped.branch} is untouched.`,
      );
    }
  }
  return stopped ? 1 : 0;
}
