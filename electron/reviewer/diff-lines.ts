/** The lines of the new version a diff shows, per file: where a finding may point, and the code it quotes. */
export type DiffLines = ReadonlyMap<string, ReadonlyMap<number, string>>;

/**
 * Reads a unified diff (`git diff`, any context) into the new-side lines of each file: added and
 * context lines, by line number, with their text. Removed lines and deleted files have none.
 */
export function diffLines(patch: string): DiffLines {
  const files = new Map<string, Map<number, string>>();
  let current: Map<number, string> | null = null;
  let line = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    if (text.startsWith('diff --git ')) {
      current = null;
      inHunk = false;
    } else if (!inHunk && text.startsWith('+++ ')) {
      const path = text === '+++ /dev/null' ? null : text.slice(4).replace(/^b\//, '');
      current = path === null ? null : (files.get(path) ?? new Map<number, string>());
      if (path !== null && current) files.set(path, current);
    } else if (text.startsWith('@@')) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      line = match ? Number(match[1]) : 0;
      inHunk = match !== null;
    } else if (inHunk && current) {
      if (text.startsWith('+') || text.startsWith(' ')) {
        current.set(line, text.slice(1));
        line++;
      }
    }
  }
  return files;
}
