import { describe, expect, it, vi } from 'vitest';
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
      expect(rule.reason ?? '', rule.pattern).not.toMatch(/\{(?!line\}|question\}|near\}|\d\})/);
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

  it('tell selection menus and sign-in screens from ready input boxes with the generic rules alone', () => {
    // Gemini's sign-in menu and Qwen's provider picker (fixtures/), drawn again in short.
    expect(
      read(
        'custom',
        '│ How would you like to authenticate for this project?\n│ ● 1. Sign in with Google\n│   2. Use Gemini API Key\n│ (Use Enter to select)\n▮',
      ),
    ).toEqual({ state: 'menu', reason: 'sign-in required' });
    expect(
      read('custom', '│ Select Authentication Method\n│\n│ › Alibaba ModelStudio\n│   Third-party Providers\n▮'),
    ).toEqual({ state: 'menu', reason: 'sign-in required' });
    // A numbered menu, and an unnumbered one under a heading, that sign nobody in.
    expect(read('custom', 'Pick a theme?\n  1. Dark\n❯ 2. Light\n  3. Auto\n▮')).toEqual({
      state: 'menu',
      reason: 'asks: Pick a theme?',
    });
    expect(read('custom', 'Choose a model\n● opus\n  sonnet\n▮')).toEqual({
      state: 'menu',
      reason: 'asks: Choose a model',
    });
    expect(read('custom', 'Use arrow keys to move, enter to pick\n▮')).toMatchObject({ state: 'menu' });
    // A numbered prompt echoed in the transcript above the tool's ready box is no menu.
    expect(
      read(
        'codex',
        '› 1. add the tests\n  2. fix the build\n\n• Done.\n\n▮› Ask Codex to do anything\n  ? for shortcuts',
      ),
    ).toEqual({
      state: 'idle',
      reason: 'ready for a prompt',
    });
    // The agent's own words about logins are no sign-in screen.
    expect(read('custom', '  Login form now validates the email\n  I added a button to log in users\n▮')).toBeNull();
    // Ready boxes: the mark is on the cursor's line (an input prompt), or a lone tip has no options.
    expect(read('custom', '────────────\n▮❯ Try "fix lint errors"\n────────────\n  ? for shortcuts')).toBeNull();
    expect(read('custom', '▮› Ask Codex to do anything\n  ? for shortcuts')).toBeNull();
    expect(read('custom', '┃  Ask anything…\n\n\n● Tip Run /connect to add an AI provider\n\n\n\n▮')).toBeNull();
    // A menu shown while a spinner runs is the agent's own output: it works.
    expect(read('custom', 'Choose a model\n● opus\n  sonnet\n⠏ Thinking (esc to interrupt)')).toEqual({
      state: 'working',
      reason: null,
    });
  });

  it('read usage limits, rate-limit retries and connection retries in the real CLIs’ words', () => {
    const at = (profile: string, text: string) => {
      const verdict = read(profile, text);
      return (
        verdict && {
          state: verdict.state,
          reason: verdict.reason,
          resets: verdict.until ? new Date(verdict.until).toTimeString().slice(0, 5) : null,
        }
      );
    };
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 11, 4, 12, 0));
    try {
      expect(
        at('claude', '⎿ 5-hour limit reached ∙ resets 3pm\n  /login to switch to an API usage-billed account.\n▮❯ '),
      ).toEqual({
        state: 'rate-limited',
        reason: '5-hour limit reached ∙ resets 3pm',
        resets: '15:00',
      });
      expect(at('claude', 'You’ve hit your session limit · resets 5:40pm\n▮❯ ')).toMatchObject({ resets: '17:40' });
      // Print mode's "Claude AI usage limit reached|1749924000" (#2087): an epoch, here one at 16:00.
      const epoch = new Date(2026, 11, 4, 16, 0).getTime() / 1000;
      expect(at('claude', `Claude AI usage limit reached|${epoch}`)).toMatchObject({
        state: 'rate-limited',
        resets: '16:00',
      });
      // The same message from a limit long over is history.
      expect(at('claude', 'Claude AI usage limit reached|1749924000')).toBeNull();
      expect(
        at(
          'codex',
          "■ You've hit your usage limit. Visit https://chatgpt.com/codex/settings/usage to purchase more credits or try again at 3:28 PM.\n› Ask Codex to do anything",
        ),
      ).toMatchObject({ state: 'rate-limited', resets: '15:28' });
      expect(at('codex', "■ You've hit your usage limit. Try again later.")).toMatchObject({
        state: 'rate-limited',
        resets: null,
      });
      expect(
        at(
          'gemini',
          'Usage limit reached for gemini-2.5-pro.\nAccess resets at 3:45 PM PST.\n/model to switch models.',
        ),
      ).toMatchObject({
        state: 'rate-limited',
        resets: '15:45',
      });
      expect(at('gemini', '[API Error: Quota exceeded for metric (Status: RESOURCE_EXHAUSTED)]')).toMatchObject({
        state: 'rate-limited',
      });
      // A 429 being retried: limited until the retry, and that beats the spinner under it.
      expect(
        at(
          'claude',
          '⎿ API Error (429 {"type":"error","error":{"type":"rate_limit_error"}}) · Retrying in 30 seconds… (attempt 2/10)\n✻ Thinking… (esc to interrupt)',
        ),
      ).toMatchObject({ state: 'rate-limit-retry', resets: '12:00' });
      expect(at('opencode', '■■⬝⬝ Too Many Requests [retrying in 90s attempt #3]')).toMatchObject({
        state: 'rate-limit-retry',
        resets: '12:01',
      });
      // Connection retries: working until they last a minute (status-tracker.ts).
      expect(
        at(
          'claude',
          '⎿ API Error (Connection error.) · Retrying in 5 seconds… (attempt 4/10)\n✻ Thinking… (esc to interrupt)',
        ),
      ).toMatchObject({
        state: 'retrying',
        reason: 'API Error (Connection error.) · Retrying in 5 seconds… (attempt 4/10)',
      });
      expect(at('gemini', '⠏ Trying to reach gemini-2.5-pro (Attempt 2/10) (esc to cancel, 12s)')).toMatchObject({
        state: 'retrying',
      });
      expect(at('custom', 'ERROR: Reconnecting... 2/5')).toMatchObject({
        state: 'retrying',
        reason: 'ERROR: Reconnecting... 2/5',
      });
      // A limit whose reset has passed is history: the spinner or prompt under it counts.
      const classifier = new ScreenClassifier(rulesFor('claude'));
      const limited = screen('⎿ 5-hour limit reached ∙ resets 3pm\n╭──╮\n│ > │\n╰──╯\n  ? for shortcuts');
      expect(classifier.classify(limited)?.state).toBe('rate-limited');
      vi.setSystemTime(new Date(2026, 11, 4, 15, 0));
      expect(classifier.classify(limited)).toEqual({ state: 'idle', reason: 'waiting for your next prompt' });
      // So is a retry line left in the transcript once its retry is long past.
      const retried = screen(
        '⎿ API Error (Connection error.) · Retrying in 5 seconds… (attempt 4/10)\n✻ Thinking… (esc to interrupt)',
      );
      expect(classifier.classify(retried)?.state).toBe('retrying');
      vi.advanceTimersByTime(5_000 + 30_000);
      expect(classifier.classify(retried)?.state).toBe('working');
    } finally {
      vi.useRealTimers();
    }
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
