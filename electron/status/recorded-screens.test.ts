import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatusChange } from './status-tracker';
import { fixturesDir, loadRecordedScreen, replay } from './replay-fixture';

afterEach(() => vi.useRealTimers());

/**
 * Each recording (scripts/record-cli-screens.mjs: the real CLI in a pty, no credentials, no
 * network) and what a dispatcher must see at its end. The codex *-usage-limit, gemini *-quota and claude
 * *-retry screens are the real CLIs against a local server answering 429 (usage_limit_reached,
 * RESOURCE_EXHAUSTED, rate_limit_error); claude-usage-limit (the message once retries end) and
 * gemini-usage-limit (a reset time) need a real account at its limit, so they are reconstructed from the CLIs' sources and
 * issues (each sidecar's `reconstructedFrom` says from what). Replays run at a fixed local noon.
 */
const expectations: Record<string, StatusChange> = {
  'codex-sign-in': { status: 'needs-input', reason: 'sign-in required' },
  'codex-exec-offline': { status: 'working', reason: 'retrying: ERROR: Reconnecting... waiting for network' },
  'claude-offline': { status: 'failed', reason: 'exit 1: Unable to connect to Anthropic services' },
  'claude-print-offline': { status: 'failed', reason: 'exit 1: Not logged in · Please run /login' },
  'gemini-trust': { status: 'needs-input', reason: 'asks: Do you trust the files in this folder?' },
  'gemini-auth-after-trust': { status: 'needs-input', reason: 'sign-in required' },
  'gemini-print-no-auth': { status: 'failed', reason: 'exit 41: sign-in required: no auth method set' },
  'opencode-ready': { status: 'idle', reason: 'ready for a prompt' },
  'opencode-prompt-offline': {
    status: 'working',
    reason: 'retrying: Cannot connect to API: Unable to connect. Is the computer able to access the url…',
  },
  'qwen-provider-picker': { status: 'needs-input', reason: 'sign-in required: pick a provider' },
  'qwen-print-no-auth': { status: 'failed', reason: 'exit 1: sign-in required: no auth type selected' },
  'amp-login': { status: 'needs-input', reason: 'sign-in required' },
  'claude-usage-limit': { status: 'rate-limited', reason: 'rate-limited until 15:00' },
  // The real Claude Code against a local server answering 429: a subscription's session limit names
  // its reset; a plain 429 is retried as an "API error", the same words as a failing connection.
  'claude-session-limit-retry': { status: 'rate-limited', reason: 'rate-limited until 21:14' },
  'claude-rate-limit-retry': { status: 'working', reason: 'retrying: API error · attempt 2/10' },
  'codex-usage-limit': { status: 'rate-limited', reason: 'rate-limited until 21:03' },
  // `codex exec` ends at the limit: failed, in its words.
  'codex-exec-usage-limit': {
    status: 'failed',
    reason:
      'exit 1: You’ve hit your usage limit. Upgrade to Pro (https://chatgpt.com/explore/pro), visit https://chatgpt.com/settings/usage to purchase more credits or try again a…',
  },
  'gemini-usage-limit': { status: 'rate-limited', reason: 'rate-limited until 15:45' },
  // The real Gemini CLI at a daily quota (a local server answering 429 RESOURCE_EXHAUSTED): its dialog
  // names no reset time, and offers another model or Stop.
  'gemini-quota': { status: 'rate-limited', reason: 'rate-limited: Usage limit reached for gemini-3.5-flash-lite.' },
  'gemini-print-quota': { status: 'failed', reason: 'exit 1: You have exhausted your daily quota on this model.' },
};

describe('real CLI screens, replayed with their recorded timing', () => {
  it('has an expectation for every recording', () => {
    const recorded = readdirSync(fixturesDir)
      .filter((file) => file.endsWith('.txt'))
      .map((file) => file.slice(0, -'.txt'.length))
      .sort();
    expect(recorded).toEqual(Object.keys(expectations).sort());
  });

  for (const [name, expected] of Object.entries(expectations)) {
    it(`${name} ends as ${expected.status}`, () => {
      const screen = loadRecordedScreen(name);
      const { changes, tracker } = replay(screen, screen.tool);
      expect(changes.at(-1), JSON.stringify(changes)).toEqual(expected);
      // A screen that waits is reported once, not again on every redraw.
      expect(changes.filter((change) => change.status === 'needs-input').length).toBeLessThanOrEqual(2);
      tracker.dispose();
      // Nothing keeps running for a finished or disposed thread (the emulator's last parse aside).
      vi.advanceTimersByTime(1);
      expect(vi.getTimerCount()).toBe(0);
    });

    it(`${name} ends as ${expected.status} read from the screen mirror, as the agent host reads it`, () => {
      const screen = loadRecordedScreen(name);
      const { changes, tracker, mirror } = replay(screen, screen.tool, { throughMirror: true });
      expect(changes.at(-1), JSON.stringify(changes)).toEqual(expected);
      expect(changes.filter((change) => change.status === 'needs-input').length).toBeLessThanOrEqual(2);
      tracker.dispose();
      mirror?.dispose();
    });
  }

  it('passes through the trust question before gemini’s sign-in screen', () => {
    const { changes } = replay(loadRecordedScreen('gemini-auth-after-trust'), 'gemini');
    expect(changes.filter((change) => change.status === 'needs-input').map((change) => change.reason)).toEqual([
      'asks: Do you trust the files in this folder?',
      'sign-in required',
    ]);
  });

  it('shows opencode as ready only once its input box is drawn, not while the screen is still blank', () => {
    const screen = loadRecordedScreen('opencode-ready');
    const firstText = screen.chunks.find((chunk) => chunk.data.includes('Ask'))?.atMs ?? 0;
    const { changes } = replay(screen, 'opencode', { untilMs: firstText - 1 });
    expect(changes.map((change) => change.status)).not.toContain('idle');
  });

  it('needs only the generic rules for the common prompts (a custom profile running these CLIs)', () => {
    const generic: Record<string, StatusChange> = {
      'gemini-trust': { status: 'needs-input', reason: 'asks: Do you trust the files in this folder?' },
      'amp-login': { status: 'needs-input', reason: 'asks: Would you like to log in to Amp? [(y)es, (n)o]:' },
      'codex-sign-in': { status: 'needs-input', reason: 'asks: Press enter to continue' },
      'claude-offline': { status: 'failed', reason: 'exit 1: Failed to connect to api.anthropic.com: ENOTFOUND' },
      'opencode-prompt-offline': {
        status: 'working',
        reason: 'retrying: Cannot connect to API: Unable to connect. Is the computer able to access the url…',
      },
      // Menus and sign-in screens any CLI draws (screen-rules.ts menuRules).
      'gemini-auth-after-trust': { status: 'needs-input', reason: 'sign-in required' },
      'qwen-provider-picker': { status: 'needs-input', reason: 'sign-in required' },
    };
    for (const [name, expected] of Object.entries(generic)) {
      const { changes, tracker } = replay(loadRecordedScreen(name), 'custom');
      expect(changes.at(-1), name).toEqual(expected);
      tracker.dispose();
      vi.useRealTimers();
    }
  });
});
