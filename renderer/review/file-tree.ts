import { reviewSections, type ReviewFile, type ReviewSection } from '../../shared/review';

/** One row of the file tree as drawn: a section title, a folder (its chain compacted), or a file. */
export type TreeRow =
  | { readonly kind: 'group'; readonly key: string; readonly section: ReviewSection; readonly count: number }
  | {
      readonly kind: 'folder';
      /** `section:dir/sub`: what collapsing remembers. */
      readonly key: string;
      /** The folder's name, or a chain of single-child folders joined by `/` (`src/review/ui`). */
      readonly name: string;
      readonly depth: number;
      /** Files under it (those matching the filter, when there is one). */
      readonly count: number;
      readonly collapsed: boolean;
    }
  | {
      readonly kind: 'file';
      readonly key: string;
      readonly name: string;
      readonly depth: number;
      readonly file: ReviewFile;
    };

interface Folder {
  readonly folders: Map<string, Folder>;
  readonly files: ReviewFile[];
  count: number;
}

function emptyFolder(): Folder {
  return { folders: new Map(), files: [], count: 0 };
}

const globCharacters = /[*?[]/;

/**
 * Whether a path matches the filter: a glob when the filter has `*`, `?` or `[` (`*` within a
 * folder, `**` across folders; matched against the whole path or any tail of it that starts at a
 * folder, so `*.md` and `ui/*.ts` match anywhere), otherwise a substring. Case is ignored.
 */
export function pathMatcher(filter: string): (path: string) => boolean {
  const text = filter.trim().toLowerCase();
  if (!text) return () => true;
  if (!globCharacters.test(text)) return (path) => path.toLowerCase().includes(text);
  const pattern = globToRegExp(text);
  return (path) => {
    const lower = path.toLowerCase();
    if (pattern.test(lower)) return true;
    for (let slash = lower.indexOf('/'); slash !== -1; slash = lower.indexOf('/', slash + 1)) {
      if (pattern.test(lower.slice(slash + 1))) return true;
    }
    return false;
  };
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` also matches no folder at all.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, close).replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * The rows of the file tree: per section (in review order) its title, then its folders and files,
 * folders first, each by name. A folder whose only child is a folder shows as one row (`a/b/c`),
 * as VS Code does; a collapsed folder hides what is under it. With a filter, only matching files
 * and the folders holding them are listed, and `matches` counts them.
 */
export function fileTreeRows(
  files: readonly ReviewFile[],
  options: { filter?: string; collapsed?: ReadonlySet<string> } = {},
): { rows: TreeRow[]; matches: number } {
  const matches = pathMatcher(options.filter ?? '');
  const collapsed = options.collapsed ?? new Set<string>();
  const rows: TreeRow[] = [];
  let matched = 0;
  for (const section of reviewSections) {
    const root = emptyFolder();
    for (const file of files) {
      if (file.section !== section || !matches(file.path)) continue;
      const parts = file.path.split('/');
      let folder = root;
      folder.count++;
      for (const part of parts.slice(0, -1)) {
        let next = folder.folders.get(part);
        if (!next) {
          next = emptyFolder();
          folder.folders.set(part, next);
        }
        next.count++;
        folder = next;
      }
      folder.files.push(file);
    }
    if (root.count === 0) continue;
    matched += root.count;
    rows.push({ kind: 'group', key: `group:${section}`, section, count: root.count });
    addFolderRows(rows, root, section, '', 0, collapsed);
  }
  return { rows, matches: matched };
}

function addFolderRows(
  rows: TreeRow[],
  folder: Folder,
  section: ReviewSection,
  prefix: string,
  depth: number,
  collapsed: ReadonlySet<string>,
): void {
  for (const [first, start] of [...folder.folders].sort(([a], [b]) => a.localeCompare(b))) {
    // Compact a chain of folders each holding one folder and no files.
    let name = first;
    let child = start;
    while (child.files.length === 0 && child.folders.size === 1) {
      const [nextName, next] = [...child.folders][0] as [string, Folder];
      name = `${name}/${nextName}`;
      child = next;
    }
    const path = `${prefix}${name}`;
    const key = `${section}:${path}`;
    const isCollapsed = collapsed.has(key);
    rows.push({ kind: 'folder', key, name, depth, count: child.count, collapsed: isCollapsed });
    if (!isCollapsed) addFolderRows(rows, child, section, `${path}/`, depth + 1, collapsed);
  }
  for (const file of [...folder.files].sort((a, b) => a.path.localeCompare(b.path))) {
    rows.push({ kind: 'file', key: file.id, name: file.path.slice(file.path.lastIndexOf('/') + 1), depth, file });
  }
}
