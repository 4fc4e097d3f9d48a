import { type RegexSandbox, type RegexTest, regexSandbox } from './regex-sandbox';

/**
 * Patterns the user wrote, matched against screen text only inside the regex sandbox: checked for
 * catastrophic backtracking when saved, and timed at every use after that (a pattern saved before
 * the check existed, or one only slow on text the check did not think of, is turned off the first
 * time it runs over budget, and the thread's status says so).
 */

/**
 * Longest one pattern may take over one screen read. A sound pattern takes microseconds on a few
 * lines; this is wall time, and the sandbox's thread competes for the cores with the agents, so
 * the budget leaves room for not being scheduled for a while before a pattern is called broken.
 */
export const userPatternBudgetMs = 100;
/** Longest one probe may take when a pattern is saved (the user waits for this at most once). */
export const probeBudgetMs = 250;
/** Probe lengths: 30 repeats make exponential backtracking take seconds; 1 000 catch cubic and worse. */
const probeRepeats = [30, 1000] as const;
/** A character no prompt pattern expects, so the probe cannot match and must be backtracked in full. */
const probeEnd = '\u2603';

/** Patterns turned off in this process (key: flags/source) and why. */
const disabled = new Map<string, string>();

const keyOf = (source: string, flags: string) => `${flags}/${source}`;

export interface UserPattern {
  readonly source: string;
  readonly flags: string;
}

export function isDisabled(pattern: UserPattern): boolean {
  return disabled.has(keyOf(pattern.source, pattern.flags));
}

/** Why the pattern was turned off, or null. */
export function disabledNotice(pattern: UserPattern): string | null {
  return disabled.get(keyOf(pattern.source, pattern.flags)) ?? null;
}

/** For tests: forget which patterns were turned off. */
export function resetDisabledPatterns(): void {
  disabled.clear();
}

export interface UserPatternMatch {
  /** Index into the patterns given. */
  readonly pattern: number;
  /** Index into that pattern's texts. */
  readonly text: number;
  readonly groups: readonly string[];
}

/**
 * The first pattern (in order) matching one of its texts (tried in order), off the main thread.
 * A pattern over budget is turned off and skipped; the others still run. Patterns already turned
 * off are skipped.
 */
export async function firstUserPatternMatch(
  patterns: ReadonlyArray<UserPattern & { readonly texts: readonly string[] }>,
  sandbox: RegexSandbox = regexSandbox(),
): Promise<UserPatternMatch | null> {
  let remaining = patterns.map((pattern, index) => ({ pattern, index })).filter(({ pattern }) => !isDisabled(pattern));
  while (remaining.length > 0) {
    const tests: RegexTest[] = remaining.map(({ pattern }) => ({
      source: pattern.source,
      flags: pattern.flags,
      inputs: pattern.texts,
    }));
    const result = await sandbox.run(tests, { budgetMs: userPatternBudgetMs, stopAtFirstMatch: true });
    if (result.kind === 'failed') return null;
    if (result.kind === 'done') {
      const found = result.match;
      const entry = found ? remaining[found.test] : undefined;
      return found && entry ? { pattern: entry.index, text: found.input, groups: found.groups } : null;
    }
    const guilty = remaining[result.test];
    if (!guilty) return null;
    const { source, flags } = guilty.pattern;
    disabled.set(
      keyOf(source, flags),
      `needs-input pattern "${source}" turned off: it ran over ${userPatternBudgetMs} ms on a line of this screen ` +
        '(catastrophic backtracking); change it in the profile',
    );
    remaining = remaining.slice(result.test + 1);
  }
  return null;
}

/**
 * Why `source` must not be saved as a screen pattern, or null: it takes too long on text built
 * from its own characters (a run of one of them, or of two in turn, then a character it cannot
 * match, after its literal beginning). That is the shape that makes backtracking blow up: `^(a+)+\?$`
 * on 30 a's and a ☃ takes seconds.
 */
export async function screenPatternHazard(
  source: string,
  flags = '',
  sandbox: RegexSandbox = regexSandbox(),
): Promise<string | null> {
  const probes = probeTexts(source);
  const result = await sandbox.run(
    probes.map((probe) => ({ source, flags, inputs: [probe] })),
    { budgetMs: probeBudgetMs, stopAtFirstMatch: false },
  );
  if (result.kind !== 'timeout') return null;
  const probe = probes[result.test] ?? '';
  const shown = probe.length > 40 ? `${probe.slice(0, 36)}…${probe.slice(-1)}` : probe;
  return (
    `"${source}" takes too long on some screen text (over ${probeBudgetMs} ms on ${JSON.stringify(shown)}, ` +
    `${probe.length} characters): a repetition inside a repetition, such as (a+)+ or (a|a)*, can match the same ` +
    'text in exponentially many ways. Rewrite it without the nested repetition (e.g. a+ instead of (a+)+)'
  );
}

/** Texts likely to make a backtracking pattern slow, built from the pattern's own characters. */
export function probeTexts(source: string): string[] {
  const atoms = atomsOf(source);
  const pumps = new Set<string>();
  for (const atom of atoms) pumps.add(atom);
  for (let index = 1; index < atoms.length; index++) pumps.add(`${atoms[index - 1]}${atoms[index]}`);
  const prefixes = new Set(['', literalStart(source)]);
  const probes = new Set<string>();
  for (const repeats of probeRepeats) {
    for (const prefix of prefixes) {
      for (const pump of [...pumps].slice(0, 24)) {
        probes.add(`${prefix}${pump.repeat(Math.ceil(repeats / pump.length))}${probeEnd}`);
      }
    }
  }
  return [...probes];
}

/** A character each piece of the pattern matches: literals as they are, classes by an example. */
function atomsOf(source: string): string[] {
  const atoms: string[] = [];
  for (let index = 0; index < source.length; index++) {
    const char = source[index] ?? '';
    if (char === '\\') {
      const next = source[++index] ?? '';
      const example = escapeExamples[next];
      if (example !== undefined) {
        if (example) atoms.push(example);
      } else if (!/[0-9a-zA-Z]/.test(next)) atoms.push(next);
    } else if (char === '[') {
      const end = classEnd(source, index);
      atoms.push(classExample(source.slice(index + 1, end)));
      index = end;
    } else if (char === '{') {
      // A count such as {2,5}: not text.
      const close = source.indexOf('}', index);
      if (close !== -1 && /^\{\d*,?\d*\}$/.test(source.slice(index, close + 1))) index = close;
      else atoms.push(char);
    } else if (char === '.') {
      atoms.push('a');
    } else if (!'()|*+?^$'.includes(char)) {
      atoms.push(char);
    }
  }
  // The same character twice in a row adds no probe.
  return atoms.filter((atom, index) => atom !== atoms[index - 1]).slice(0, 40);
}

const escapeExamples: Readonly<Record<string, string>> = {
  d: '0',
  D: 'a',
  w: 'a',
  W: ' ',
  s: ' ',
  S: 'a',
  b: '',
  B: '',
  n: '\n',
  r: '\r',
  t: '\t',
};

function classEnd(source: string, open: number): number {
  for (let index = open + 1; index < source.length; index++) {
    if (source[index] === '\\') index++;
    else if (source[index] === ']' && index > open + 1) return index;
  }
  return source.length;
}

/** A character the class matches (roughly: its first member, or for [^…] one it does not name). */
function classExample(body: string): string {
  if (body.startsWith('^')) return ['a', '0', ' ', '-'].find((candidate) => !body.includes(candidate)) ?? '~';
  if (body.startsWith('\\')) return escapeExamples[body[1] ?? ''] || (body[1] ?? 'a');
  return body[0] ?? 'a';
}

/** The literal text the pattern starts with (after ^), so probes get past it to the part that repeats. */
function literalStart(source: string): string {
  let text = '';
  for (let index = source.startsWith('^') ? 1 : 0; index < source.length; index++) {
    const char = source[index] ?? '';
    const next = source[index + 1] ?? '';
    // A quantified character is not certain to be there.
    if ('*+?{'.includes(next)) break;
    if (char === '\\' && next && !/[0-9a-zA-Z]/.test(next)) {
      if ('*+?{'.includes(source[index + 2] ?? '')) break;
      text += next;
      index++;
    } else if (/[\w :,;'"<>=!@#%&~`-]/.test(char)) {
      text += char;
    } else {
      break;
    }
  }
  return text;
}
