import path from 'node:path';
import { parseArgs } from 'node:util';
import { currentBranch, resolveRepoRoot } from '../git/repo';
import { computeConflictMatrix } from '../merge-queue/conflict-matrix';
import { listBranches } from '../git/branch';
import { threadBranchPrefix } from '../merge-queue/find-orphans';
import { UsageError, withUsageErrors } from './args';
import { plural } from '../../shared/plural';

export const conflictsHelp = `Usage: switchyard conflicts [--repo PATH] [--target BRANCH] [BRANCH…] [--json]

Predicts which branches conflict, without touching any working tree (git merge-tree): every
pair of the branches, and each branch against the target. Clean pairs that still change the
same files are listed too ("overlap").

  --repo PATH      the repository (default: the current folder)
  --target BRANCH  the branch they would land into (default: the checked-out branch)
  BRANCH…          the branches to check (default: every ${threadBranchPrefix}* branch)
  --json           print one object: {"target", "pairs": [{"a", "b", "clean", "conflicts", "overlap"}]}

Exits 0 whether or not pairs conflict; non-zero only on an error.`;

export async function runConflicts(argv: string[]): Promise<number> {
  const { values, positionals } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      options: { repo: { type: 'string' }, target: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  const repo = await resolveRepoRoot(path.resolve(values.repo ?? '.'));
  const target = values.target ?? (await currentBranch(repo));
  if (!target) throw new UsageError('the repository has a detached HEAD; name the target with --target');
  const branches = positionals.length
    ? positionals
    : (await listBranches(repo)).filter((b) => b.startsWith(threadBranchPrefix) && b !== target);
  const matrix = await computeConflictMatrix(repo, target, branches);
  const pairs = matrix.pairs.map(({ a, b, clean, conflicts, overlap }) => ({ a, b, clean, conflicts, overlap }));
  if (values.json) {
    console.log(JSON.stringify({ target, pairs }));
    return 0;
  }
  if (pairs.length === 0) {
    console.log(`No branches to check against ${target}.`);
    return 0;
  }
  const conflicting = pairs.filter((p) => !p.clean);
  console.log(
    `${plural(branches.length, 'branch', 'branches')} against ${target}: ${conflicting.length} of ${plural(pairs.length, 'pair')} ${conflicting.length === 1 ? 'conflicts' : 'conflict'}.`,
  );
  for (const p of pairs) {
    const verdict = p.clean
      ? p.overlap.length
        ? `clean, both change ${p.overlap.join(', ')}`
        : 'clean'
      : `CONFLICT in ${p.conflicts.join(', ')}`;
    console.log(`  ${p.a} + ${p.b}: ${verdict}`);
  }
  return 0;
}
