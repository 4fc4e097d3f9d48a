/**
 * What a failed git command ran into, read off its output once (in GitError) so no caller
 * matches git's wording again. The user's words for each are in describe-git-error.ts.
 */
export const gitErrorKinds = [
  /** No user.name / user.email to commit with. */
  'identity-missing',
  'not-a-repository',
  /** The repository belongs to another user and is not listed in safe.directory. */
  'unsafe-repository',
  /** A compare-and-swap ref update found the ref somewhere else than expected. */
  'ref-moved',
  /** A `.lock` file is there: another git is running, or one crashed and left it. */
  'ref-locked',
  /** A fast-forward only update of a branch that has diverged. */
  'not-fast-forward',
  /** A branch, tag or commit git does not know. */
  'bad-revision',
  'merge-conflict',
  'worktree-locked',
  /** The folder of a new worktree exists, or git still has a worktree registered there. */
  'worktree-exists',
  /** The branch is checked out in another worktree. */
  'branch-in-use',
  'branch-exists',
  /** Uncommitted changes in the way (they would be overwritten, or a worktree to remove holds them). */
  'dirty-worktree',
  'nothing-to-commit',
  'permission-denied',
  'disk-full',
  'unknown',
] as const;
export type GitErrorKind = (typeof gitErrorKinds)[number];

interface Rule {
  readonly kind: Exclude<GitErrorKind, 'unknown'>;
  readonly pattern: RegExp;
  /** Whether git may print it on stdout instead (merge and commit report there). */
  readonly onStdout?: boolean;
}

/**
 * The one table from git's wording (C locale, git 2.38 and later) to a kind. The first rule that
 * matches wins, so a specific wording comes before a general one that it also contains.
 */
const rules: readonly Rule[] = [
  {
    kind: 'identity-missing',
    pattern:
      /Please tell me who you are|empty ident name|unable to auto-detect email address|no (?:email|name) was given and auto-detection is disabled|Author identity unknown|Committer identity unknown/i,
  },
  { kind: 'disk-full', pattern: /No space left on device|Disk quota exceeded/i },
  { kind: 'unsafe-repository', pattern: /detected dubious ownership/i },
  { kind: 'not-a-repository', pattern: /not a git repository/i },
  {
    kind: 'ref-moved',
    pattern:
      /cannot lock ref '[^']+': (?:is at [0-9a-f]+ but expected|unable to resolve reference|reference already exists|reference is missing)/i,
  },
  {
    kind: 'permission-denied',
    pattern: /Permission denied|Operation not permitted|insufficient permission|Read-only file system/i,
  },
  { kind: 'ref-locked', pattern: /Unable to create '[^']*\.lock': File exists/i },
  {
    kind: 'not-fast-forward',
    pattern: /Not possible to fast-forward|not a fast-forward|Diverging branches can't be fast-forwarded/i,
  },
  { kind: 'branch-exists', pattern: /a branch named '[^']+' already exists/i },
  {
    kind: 'branch-in-use',
    pattern:
      /is already checked out at|is already used by worktree at|Cannot delete branch '[^']+' (?:checked out|used by worktree) at/i,
  },
  { kind: 'worktree-locked', pattern: /locked working tree|is a missing but locked worktree/i },
  { kind: 'worktree-exists', pattern: /'[^']+' already exists|is a missing but already registered worktree/i },
  {
    kind: 'dirty-worktree',
    pattern:
      /would be overwritten by|would be removed by|contains modified or untracked files|Please commit your changes or stash them|You have unstaged changes|Your index contains uncommitted changes/i,
  },
  {
    kind: 'merge-conflict',
    pattern:
      /^CONFLICT \(|Automatic merge failed|could not apply [0-9a-f]+|you have unmerged files|fix conflicts and then/im,
    onStdout: true,
  },
  {
    kind: 'bad-revision',
    pattern:
      /unknown revision|bad revision|Needed a single revision|not a valid object name|invalid reference: |not something we can merge|bad object |unknown commit /i,
  },
  {
    kind: 'nothing-to-commit',
    pattern: /nothing to commit|nothing added to commit|no changes added to commit/i,
    onStdout: true,
  },
];

/** The kind of a failed git command's output: stderr first, then stdout for what git reports there. */
export function gitErrorKindOf(output: { readonly stderr: string; readonly stdout: string }): GitErrorKind {
  return (
    rules.find((rule) => rule.pattern.test(output.stderr))?.kind ??
    rules.find((rule) => rule.onStdout && rule.pattern.test(output.stdout))?.kind ??
    'unknown'
  );
}
