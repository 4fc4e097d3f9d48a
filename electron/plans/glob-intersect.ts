/**
 * Whether two path globs (written as briefs write them, read as shared/review-glob.ts reads them)
 * can match one same path — so `src/**` and `src/api/**` overlap, `src/*.ts` and `src/api/**` do
 * not. Decided segment by segment, without listing any files, so it covers files not written yet.
 */
export function globsIntersect(a: string, b: string): boolean {
  return segmentListsIntersect(segmentsOf(a), segmentsOf(b));
}

const anyDepth = '**';

/**
 * A glob as path segments, with the reading review-glob gives it made explicit: a pattern without
 * `/` matches at any depth (a leading `**`), and a folder covers what is inside it (a trailing `**`).
 */
export function segmentsOf(pattern: string): string[] {
  let glob = pattern.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (glob.endsWith('/')) glob = `${glob}**`;
  const segments = glob.split('/').filter((segment) => segment !== '');
  const anchored = glob.includes('/') || segments[0] === anyDepth;
  const last = segments.at(-1) ?? '';
  return [...(anchored ? [] : [anyDepth]), ...segments, ...(looksLikeFolder(last) ? [anyDepth] : [])];
}

/**
 * review-glob lets any pattern cover what is inside what it matches; here only a plain name
 * without an extension (`src/api`, `.github`) is read as a folder. Otherwise `*.md` and `*.ts`
 * would overlap through a folder named `x.md` — true, and of no use to anyone.
 */
function looksLikeFolder(segment: string): boolean {
  return segment === anyDepth || (!/[*?{[]/.test(segment) && !/.\.[^.]+$/.test(segment));
}

function segmentListsIntersect(a: readonly string[], b: readonly string[]): boolean {
  return sequencesIntersect(a, b, anyDepth, segmentsIntersect);
}

/** Whether one file or folder name can match both segment patterns (`*`, `?`, `{x,y}`). */
function segmentsIntersect(a: string, b: string): boolean {
  return alternatives(a).some((x) => alternatives(b).some((y) => wildcardsIntersect(x, y)));
}

/** `{x,y}` expanded, so what is left has only `*` and `?`; bounded, as a brief's globs are short. */
function alternatives(segment: string, limit = 64): string[] {
  const open = segment.indexOf('{');
  const close = open === -1 ? -1 : segment.indexOf('}', open);
  if (open === -1 || close === -1) return [segment.replace(/\*+/g, '*')];
  const head = segment.slice(0, open);
  const tail = segment.slice(close + 1);
  const out: string[] = [];
  for (const choice of segment.slice(open + 1, close).split(',')) {
    for (const rest of alternatives(head + choice + tail, limit)) {
      if (out.length >= limit) return out;
      out.push(rest);
    }
  }
  return out;
}

function wildcardsIntersect(a: string, b: string): boolean {
  return sequencesIntersect(a, b, '*', (x, y) => x === '?' || y === '?' || x === y);
}

/**
 * Whether two patterns can match one same sequence — of path segments, or of a name's characters:
 * `star` stands for any run of items (none included), `meet` says whether two other items can be one.
 */
function sequencesIntersect<T>(a: ArrayLike<T>, b: ArrayLike<T>, star: T, meet: (x: T, y: T) => boolean): boolean {
  const memo = new Map<string, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (a[i] === star) result = from(i + 1, j) || (j < b.length && from(i, j + 1));
    else if (b[j] === star) result = from(i, j + 1) || (i < a.length && from(i + 1, j));
    else if (i < a.length && j < b.length) result = meet(a[i] as T, b[j] as T) && from(i + 1, j + 1);
    else result = false;
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}
