/**
 * Path globs as briefs and hazard lists write them, matched against repository-relative paths
 * with `/` separators:
 *   `*` any characters but `/`, `?` one such character, `**` any number of folders,
 *   `{a,b}` alternatives, a trailing `/` means everything under that folder,
 *   and a pattern without `/` matches a file name at any depth (as in .gitignore).
 */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (glob.endsWith('/')) glob = `${glob}**`;
  const anchored = glob.includes('/') && !glob.startsWith('**/');
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        source += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const prefix = anchored ? '^' : glob.startsWith('**/') ? '^' : '^(?:.*/)?';
  // A folder pattern (`src/payments`) also covers what is inside it.
  return new RegExp(`${prefix}${source}(?:/.*)?$`);
}

/** The first of `patterns` that `path` matches, or null. */
export function firstMatch(path: string, patterns: readonly string[]): string | null {
  for (const pattern of patterns) if (globToRegExp(pattern).test(path)) return pattern;
  return null;
}

/** Compiles once for many paths. */
export function makeMatcher(patterns: readonly string[]): (path: string) => string | null {
  const compiled = patterns.map((pattern) => ({ pattern, regex: globToRegExp(pattern) }));
  return (path) => compiled.find((c) => c.regex.test(path))?.pattern ?? null;
}
