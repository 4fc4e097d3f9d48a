/**
 * A readable default branch for a thread name: "Fix login bug!" → "switchyard/fix-login-bug".
 * Git's own check-ref-format remains the judge of validity; this only proposes.
 */
export function suggestBranchName(threadName: string, prefix = 'switchyard/'): string {
  const slug = threadName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return `${prefix}${slug || 'thread'}`;
}

/** Folder name for a branch's worktree: slashes would nest folders, so flatten them. */
export function worktreeFolderName(branch: string): string {
  return branch.replace(/[/\\]+/g, '-');
}

/** Characters that are invisible or reorder text: Unicode controls, format characters (bidi included), line separators. */
const invisibleCharacter = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Prefixes that make a short branch name read as a full ref, or resolve to a different ref than the branch. */
const refPrefixes = ['refs/', 'heads/', 'tags/', 'remotes/'];

function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `name` cannot be a plain branch name, before git's own rules are asked, or null. Catches what
 * `git check-ref-format --branch` lets through: invisible and bidi characters (a branch that reads
 * as another), revision syntax such as `main@{1}`, `@{-1}` or `main~1`, and full ref names such as
 * `refs/heads/x` (git would create refs/heads/refs/heads/x). `what` names the field in the message.
 */
export function branchNameProblem(name: string, what = 'branch name'): string | null {
  const invisible = invisibleCharacter.exec(name);
  if (invisible) {
    return `The ${what} "${name}" contains the invisible or control character ${codePointName(invisible[0])}; use plain visible characters only.`;
  }
  if (name.includes('@{')) {
    return `The ${what} "${name}" is a revision expression ("@{" names a reflog entry or an earlier checkout), not a branch; give the branch's own name, like "main".`;
  }
  if (/[~^:]/.test(name) || name === 'HEAD' || name === '@') {
    return `The ${what} "${name}" is a revision expression, not a branch; give the branch's own name, like "main".`;
  }
  const prefix = refPrefixes.find((p) => name.startsWith(p));
  if (prefix) {
    const short = name.replace(/^refs\/heads\//, '');
    return `The ${what} "${name}" starts with "${prefix}": give the short branch name (like "${short}"); git would otherwise make a ref named refs/heads/${name}.`;
  }
  if (name.startsWith('-')) return `The ${what} "${name}" starts with "-", which git would read as an option.`;
  return null;
}
