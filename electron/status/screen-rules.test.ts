import { describe, expect, it } from 'vitest';
import { ScreenClassifier } from './classify-screen';
import type { ScreenSnapshot } from './headless-screen';
import { genericRules, profileRules, rulesFor } from './screen-rules';

/** A screen from text; the cursor on the last line unless a line starts with "▮" (then that one). */
function screen(text: string): ScreenSnapshot {
  const rows = text.split('\n');
  const marked = rows.findIndex((row) => row.startsWith('▮'));
  const lines = rows.map((row) => row.replace(/^▮/, ''));
  return { lines, cursorLine: marked === -1 ? lines.length - 1 : marked };
}

const read = (profileId: string, text: string) => new ScreenClassifier(rulesFor(profileId)).classify(screen(text));

describe('screen rules', () => {
  it('cover every built-in profile, and every pattern compiles', () => {
    expect(Object.keys(profileRules).sort()).toEqual(
      ['aider', 'amp', 'claude', 'codex', 'demo', 'gemini', 'opencode', 'qwen', 'shell'].sort(),
    );
    for (const rule of [...genericRules, ...Object.values(profileRules).flat()]) {
      expect(() => new RegExp(rule.pattern, rule.flags ?? ''), rule.pattern).not.toThrow();
      expect(rule.reason ?? '', rule.pattern).not.toMatch(/\{(?!line\}|question\}|\d\})/);
    }
  });

  it('read Claude Code’s permission question, its spinner and its ready prompt', () => {
    const permission = [
      '╭──────────────────────────────────────────────╮',
      '│ Edit file                                    │',
      '│ Do you want to make this edit to app.ts?     │',
      '│ ❯ 1. Yes                                     │',
      '│   2. Yes, allow all edits during this session │',
      '│   3. No, and tell Claude what to do differently (esc) │',
      '╰──────────────────────────────────────────────╯',
    ].join('\n');
    expect(read('claude', permission)).toEqual({
      state: 'needs-input',
      reason: 'asks: Do you want to make this edit to app.ts?',
    });
    expect(read('claude', '✻ Hullaballooing… (4s · ↑ 120 tokens · esc to interrupt)\n╭──╮\n│ > │\n╰──╯')).toEqual({
      state: 'working',
      reason: null,
    });
    expect(read('claude', '╭────────╮\n│ >      │\n╰────────╯\n  ? for shortcuts')).toEqual({
      state: 'idle',
      reason: 'waiting for your next prompt',
    });
  });

  it('read Codex’s approval, spinner and composer', () => {
    expect(
      read(
        'codex',
        'Would you like to run the following command?\n  $ npm test\n› 1. Yes, proceed\n  Press enter to confirm or esc to cancel',
      ),
    ).toEqual({
      state: 'needs-input',
      reason: 'asks: Would you like to run the following command?',
    });
    expect(
      read('codex', '• Working (12s • esc to interrupt)\n\n› Ask Codex to do anything\n  ? for shortcuts'),
    ).toEqual({
      state: 'working',
      reason: null,
    });
    expect(read('codex', '› Ask Codex to do anything\n  ? for shortcuts')).toEqual({
      state: 'idle',
      reason: 'ready for a prompt',
    });
  });

  it('read Gemini’s and Qwen’s confirmations, spinners and input boxes', () => {
    for (const profile of ['gemini', 'qwen']) {
      expect(read(profile, '│ Apply this change?\n│ ● 1. Yes, allow once\n│   2. No')).toEqual({
        state: 'needs-input',
        reason: 'asks: Apply this change?',
      });
      expect(read(profile, '⠏ Reticulating splines (esc to cancel, 3s)\n> Type your message or @path/to/file')).toEqual(
        {
          state: 'working',
          reason: null,
        },
      );
      expect(read(profile, '> Type your message or @path/to/file')).toEqual({
        state: 'idle',
        reason: 'ready for a prompt',
      });
    }
  });

  it('read line-oriented prompts only while the cursor is on them', () => {
    expect(read('aider', "Add app.py to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: ")).toEqual({
      state: 'needs-input',
      reason: "asks: Add app.py to the chat? (Y)es/(N)o/(D)on't ask again [Yes]:",
    });
    expect(read('aider', 'Applied edit to app.py\ncode> ')).toEqual({ state: 'idle', reason: 'ready for a prompt' });
    expect(read('shell', 'user@box:~/repo$ ')).toEqual({ state: 'idle', reason: 'ready for a command' });
    expect(read('demo', '? Apply this edit? (y/n) y\nCommitted abc123: Add notes\n')).toBeNull();
    expect(read('custom', '▮Overwrite? [y/N]\n\n')).toEqual({ state: 'needs-input', reason: 'asks: Overwrite? [y/N]' });
  });

  it('name the most telling line after an exit', () => {
    const classifier = new ScreenClassifier(rulesFor('custom'));
    expect(classifier.exitReason(screen('building…\nerror: linker failed\n$ '), true)).toBe('error: linker failed');
    expect(classifier.exitReason(screen('all good\n\n╰────╯\n'), true)).toBe('all good');
    // A success quotes its last words, even when an earlier line mentions failures.
    expect(classifier.exitReason(screen('Tests: 0 failed, 12 passed\nAll done'), false)).toBe('All done');
    expect(classifier.exitReason(screen('\n\n'), true)).toBeNull();
    expect(classifier.exitReason(screen(`Error: ${'x'.repeat(300)}`), true)?.length).toBe(160);
  });
});
