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
}

interface CompiledRule {
  readonly rule: ScreenRule;
  readonly regex: RegExp;
}

/** While the program runs, a question beats a spinner, which beats a ready prompt. */
const liveStateOrder: readonly LiveScreenState[] = ['needs-input', 'working', 'idle'];
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

  constructor(
    rules: readonly ScreenRule[],
    private readonly sandbox?: RegexSandbox,
  ) {
    this.userRules = rules.filter((rule) => rule.userSupplied && rule.state === 'needs-input');
    this.rules = rules.flatMap((rule) => {
      if (rule.userSupplied) return [];
      try {
        return [{ rule, regex: new RegExp(rule.pattern, rule.flags ?? '') }];
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
    for (const state of liveStateOrder) {
      for (const compiled of this.rules) {
        if (compiled.rule.state !== state) continue;
        const found = this.match(compiled, screen);
        if (found) return { state, reason: found.reason };
      }
    }
    return null;
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

  /** The bottom-most line in the rule's reach that matches, with the rule's reason filled in. */
  private match({ rule, regex }: CompiledRule, screen: ScreenSnapshot): { reason: string | null } | null {
    for (const index of linesInReach(rule, screen)) {
      const found = regex.exec(screen.lines[index] ?? '');
      if (found) return { reason: fillReason(rule.reason, found, screen, index) };
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

function fillReason(
  template: string | null,
  found: ArrayLike<string | undefined>,
  screen: ScreenSnapshot,
  index: number,
): string | null {
  if (template === null) return null;
  const line = quotableLine(screen.lines[index] ?? '');
  const filled = template.replace(/\{(line|question|\d)\}/g, (_placeholder, key: string) => {
    if (key === 'line') return line;
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
