import { retryLineGraceMs } from '../../shared/limits';
import { resetTimeIn } from './reset-time';
import { quotableLine, shortened } from './screen-text';
import type { ScreenSnapshot } from './headless-screen';
import type { RegexSandbox } from './regex-sandbox';
import type { ScreenRule, ScreenState } from './screen-rules';
import { disabledNotice, firstUserPatternMatch } from './user-patterns';

/** A state a running program can be in; `failed` is only ever decided at exit. */
export type LiveScreenState = Exclude<ScreenState, 'failed'>;

export interface ScreenVerdict {
  readonly state: LiveScreenState;
  readonly reason: string | null;
  /** For limits and retries: when the limit ends or the retry is due (epoch ms), if the screen says. */
  readonly until?: number | null;
}

interface CompiledRule {
  readonly rule: ScreenRule;
  readonly regex: RegExp;
  readonly near: RegExp | null;
}

/**
 * While the program runs, a question beats a retry, which beats a spinner, which beats a limit
 * message (it stays in the transcript once the agent works again), a menu (it may be the agent's
 * echo) and a ready prompt.
 */
const liveStateOrder: readonly LiveScreenState[] = [
  'needs-input',
  'rate-limit-retry',
  'retrying',
  'working',
  'rate-limited',
  'menu',
  'idle',
];
/** States whose line names a time; the line stops counting once that time has passed. */
const timedStates: ReadonlySet<LiveScreenState> = new Set(['rate-limit-retry', 'retrying', 'rate-limited']);
/** How far above a matched menu line to look for the question it answers. */
const questionLookback = 12;
const bottomLineCount = 3;

/**
 * Reads a screen with one profile's rules: what state it shows, and after an exit, why. Rules the
 * user wrote (`userSupplied`) run only in the regex sandbox, so `read` answers asynchronously when
 * there are any; the built-in rules run here, synchronously.
 */
export class ScreenClassifier {
  private readonly rules: readonly CompiledRule[];
  private readonly userRules: readonly ScreenRule[];
  /** User rules turned off whose notice this classifier has passed on (once each). */
  private readonly reported = new Set<ScreenRule>();
  /** When each timed line on screen was first seen: "resets 3pm" means the next 3pm after that. */
  private firstSeen = new Map<string, number>();

  constructor(
    rules: readonly ScreenRule[],
    private readonly sandbox?: RegexSandbox,
    private readonly now: () => number = Date.now,
  ) {
    this.userRules = rules.filter((rule) => rule.userSupplied && rule.state === 'needs-input');
    this.rules = rules.flatMap((rule) => {
      if (rule.userSupplied) return [];
      try {
        const near = rule.near ? new RegExp(rule.near.pattern, rule.near.flags ?? '') : null;
        return [{ rule, regex: new RegExp(rule.pattern, rule.flags ?? ''), near }];
      } catch {
        // A custom profile's broken pattern must not take status tracking down with it.
        return [];
      }
    });
  }

  /**
   * The state the screen shows, user rules included: `done` is called at once when no user rule
   * needs running, else once the sandbox has answered. `notice` says a user rule was turned off
   * for taking too long (once per rule).
   */
  read(screen: ScreenSnapshot, done: (verdict: ScreenVerdict | null, notice: string | null) => void): void {
    const verdict = this.classify(screen);
    const notices: string[] = [];
    const pending: ScreenRule[] = [];
    for (const rule of this.userRules) {
      const notice = disabledNotice({ source: rule.pattern, flags: rule.flags ?? '' });
      if (notice === null) pending.push(rule);
      else if (!this.reported.has(rule)) {
        this.reported.add(rule);
        notices.push(notice);
      }
    }
    // Built-in needs-input rules come before the user's: theirs cannot change this verdict.
    if (pending.length === 0 || verdict?.state === 'needs-input') {
      done(verdict, notices.join('; ') || null);
      return;
    }
    const candidates = pending.map((rule) => ({ rule, lines: linesInReach(rule, screen) }));
    void firstUserPatternMatch(
      candidates.map(({ rule, lines }) => ({
        source: rule.pattern,
        flags: rule.flags ?? '',
        texts: lines.map((index) => screen.lines[index] ?? ''),
      })),
      this.sandbox,
    ).then((found) => {
      for (const { rule } of candidates) {
        const notice = disabledNotice({ source: rule.pattern, flags: rule.flags ?? '' });
        if (notice !== null && !this.reported.has(rule)) {
          this.reported.add(rule);
          notices.push(notice);
        }
      }
      const matched = found ? candidates[found.pattern] : undefined;
      const index = matched?.lines[found?.text ?? -1];
      const userVerdict: ScreenVerdict | null =
        found && matched && index !== undefined
          ? { state: 'needs-input', reason: fillReason(matched.rule.reason, found.groups, screen, index) }
          : null;
      done(userVerdict ?? verdict, notices.join('; ') || null);
    });
  }

  /**
   * The state a running program's screen shows by the built-in rules alone (user rules need the
   * sandbox: see `read`), or null when no rule recognises it.
   */
  classify(screen: ScreenSnapshot): ScreenVerdict | null {
    const now = this.now();
    const seen = new Map<string, number>();
    try {
      for (const state of liveStateOrder) {
        // A menu beside the tool's own ready input box is its transcript (a numbered prompt echoed).
        if (state === 'menu' && this.rules.some((c) => c.rule.state === 'idle' && this.match(c, screen))) continue;
        for (const compiled of this.rules) {
          if (compiled.rule.state !== state) continue;
          const found = this.match(compiled, screen, timedStates.has(state) ? { now, seen } : null);
          if (found)
            return { state, reason: found.reason, ...(found.until !== undefined ? { until: found.until } : {}) };
        }
      }
      return null;
    } finally {
      // Only lines still on screen are remembered: a line that comes back later is a new message.
      for (const [key, at] of seen) if (!this.firstSeen.has(key)) this.firstSeen.set(key, at);
      const onScreen = new Set(screen.lines);
      for (const key of this.firstSeen.keys()) {
        if (!onScreen.has(key.slice(key.indexOf('\u0000') + 1))) this.firstSeen.delete(key);
      }
    }
  }

  /**
   * The most telling line after an exit: for a failure, what a `failed` rule makes of an error on
   * screen; else (and for a success) the last line with words on it (not a bare prompt or box
   * border); null when the screen has none.
   */
  exitReason(screen: ScreenSnapshot, failed: boolean): string | null {
    for (const compiled of this.rules) {
      if (!failed || compiled.rule.state !== 'failed') continue;
      const found = this.match(compiled, screen);
      if (found?.reason) return found.reason;
    }
    for (let index = screen.lines.length - 1; index >= 0; index--) {
      const words = quotableLine(screen.lines[index] ?? '');
      if (/[\p{L}\p{N}]/u.test(words)) return shortened(words);
    }
    return null;
  }

  /**
   * The bottom-most line in the rule's reach that matches, with the rule's reason filled in. With
   * `timed`, the time the line names too; a line whose time has passed does not match.
   */
  private match(
    { rule, regex, near }: CompiledRule,
    screen: ScreenSnapshot,
    timed: { now: number; seen: Map<string, number> } | null = null,
  ): { reason: string | null; until?: number | null } | null {
    for (const index of linesInReach(rule, screen)) {
      if (rule.notOnCursorLine && index === screen.cursorLine) continue;
      const line = screen.lines[index] ?? '';
      const found = regex.exec(line);
      if (!found) continue;
      const nearIndex = near && rule.near ? nearbyMatch(near, rule.near, screen, index) : null;
      if (near && nearIndex === null) continue;
      const reason = fillReason(rule.reason, found, screen, index, nearIndex);
      if (!timed) return { reason };
      const key = `${rule.state}\u0000${line}`;
      const firstSeen = timed.seen.get(key) ?? this.firstSeen.get(key) ?? timed.now;
      timed.seen.set(key, firstSeen);
      const until = resetTimeIn(timedText(rule, screen, index, found.index), firstSeen);
      // A retry is overdue a while after its time (the attempt itself takes time); a limit, at once.
      const over = until === null ? null : rule.state === 'rate-limited' ? until : until + retryLineGraceMs;
      if (over !== null && timed.now >= over) continue;
      return { reason, until };
    }
    return null;
  }
}

/** Line indexes a rule looks at, bottom first. */
function linesInReach(rule: ScreenRule, screen: ScreenSnapshot): number[] {
  const where = rule.where ?? 'screen';
  if (where === 'cursor-line') return [screen.cursorLine];
  const indexes: number[] = [];
  for (let index = screen.lines.length - 1; index >= 0; index--) {
    if ((screen.lines[index] ?? '').trim() === '') continue;
    indexes.push(index);
    if (where === 'bottom' && indexes.length === bottomLineCount) break;
  }
  return indexes;
}

/**
 * Where a timed line's time may be: from the match on, and for a limit message also the lines that
 * continue it up to a blank one (Codex wraps its own long lines: "…purchase more credits or try
 * again at" / "9:03 PM."). A retry line's time is on the line itself.
 */
function timedText(rule: ScreenRule, screen: ScreenSnapshot, index: number, from: number): string {
  const text = [(screen.lines[index] ?? '').slice(from)];
  if (rule.state !== 'rate-limited') return text[0]!;
  for (let row = index + 1; row < Math.min(screen.lines.length, index + 3); row++) {
    const line = screen.lines[row] ?? '';
    if (line.trim() === '') break;
    text.push(line);
  }
  return text.join(' ');
}

/** The index of the nearest other line within `near`'s rows of `index` that matches it, or null. */
function nearbyMatch(
  regex: RegExp,
  near: NonNullable<ScreenRule['near']>,
  screen: ScreenSnapshot,
  index: number,
): number | null {
  for (let distance = 1; distance <= Math.max(near.above, near.below); distance++) {
    for (const row of [index - distance, index + distance]) {
      if (row < 0 || row >= screen.lines.length) continue;
      if (row < index && distance > near.above) continue;
      if (row > index && distance > near.below) continue;
      if (regex.test(screen.lines[row] ?? '')) return row;
    }
  }
  return null;
}

function fillReason(
  template: string | null,
  found: ArrayLike<string | undefined>,
  screen: ScreenSnapshot,
  index: number,
  nearIndex: number | null = null,
): string | null {
  if (template === null) return null;
  const line = quotableLine(screen.lines[index] ?? '');
  const filled = template.replace(/\{(line|question|near|\d)\}/g, (_placeholder, key: string) => {
    if (key === 'line') return line;
    if (key === 'near') return nearIndex === null ? line : quotableLine(screen.lines[nearIndex] ?? '');
    if (key === 'question') return questionAbove(screen, index) ?? line;
    return quotableLine(found[Number(key)] ?? '');
  });
  return shortened(filled);
}

/** The nearest line at or above `index` that asks something: menus put their question above the choices. */
function questionAbove(screen: ScreenSnapshot, index: number): string | null {
  for (let row = index; row >= 0 && row > index - questionLookback; row--) {
    const words = quotableLine(screen.lines[row] ?? '');
    if (words.includes('?')) return words;
  }
  return null;
}
