import { quotableLine, shortened } from '../threads/screen-text';
import type { ScreenSnapshot } from './headless-screen';
import type { ScreenRule, ScreenState } from './screen-rules';

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

/** Reads a screen with one profile's rules: what state it shows, and after an exit, why. */
export class ScreenClassifier {
  private readonly rules: readonly CompiledRule[];

  constructor(rules: readonly ScreenRule[]) {
    this.rules = rules.flatMap((rule) => {
      try {
        return [{ rule, regex: new RegExp(rule.pattern, rule.flags ?? '') }];
      } catch {
        // A custom profile's broken pattern must not take status tracking down with it.
        return [];
      }
    });
  }

  /** The state a running program's screen shows, or null when no rule recognises it. */
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
  found: RegExpExecArray,
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
