/**
 * The typed first prompt against real CLI screens (electron/status/fixtures, recorded by
 * scripts/record-cli-screens.mjs): on a sign-in, trust or provider screen it is never typed, not
 * even after a long silence; on a ready input box it is typed once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MirrorScreen } from '../status/mirror-screen';
import { loadRecordedScreen } from '../status/replay-fixture';
import { StatusTracker } from '../status/status-tracker';
import { ScreenMirror } from '../terminals/screen-mirror';
import { FollowUpQueue } from './follow-up-queue';

afterEach(() => vi.useRealTimers());

/**
 * What a queue holding the first prompt types while the recording plays with its real timing,
 * through the screen mirror as the agent host reads it, then `extraSilenceMs` more of the same
 * screen (no exit): the runtime's wiring, with the recorded output in place of the pty.
 */
function typedOn(name: string, profileId: string, extraSilenceMs = 0): string[] {
  const screen = loadRecordedScreen(name);
  vi.useFakeTimers();
  // A fixed local noon: the usage-limit screens' "resets 3pm" is three hours away.
  vi.setSystemTime(new Date(2026, 10, 25, 12, 0));
  const typed: string[] = [];
  const queue = new FollowUpQueue({ type: (text) => typed.push(text) > 0, changed: () => undefined });
  const mirror = new ScreenMirror(screen.cols, screen.rows);
  const tracker = new StatusTracker({
    screen: new MirrorScreen(mirror),
    profileId,
    cols: screen.cols,
    rows: screen.rows,
    onChange: (change) => queue.statusChanged(change.status),
  });
  queue.addPrompt('the task');
  const endMs = screen.recordedForSeconds * 1000;
  let now = 0;
  for (const chunk of screen.chunks) {
    if (chunk.atMs >= endMs) break;
    vi.advanceTimersByTime(chunk.atMs - now);
    now = chunk.atMs;
    mirror.write(chunk.data);
    tracker.output(chunk.data);
    queue.output();
  }
  vi.advanceTimersByTime(endMs - now + extraSilenceMs);
  tracker.dispose();
  mirror.dispose();
  queue.dispose();
  return typed;
}

/**
 * Questions every profile's rules know, the generic ones (custom profiles) included: menus and
 * sign-in screens (Gemini's sign-in menu, Qwen's provider picker) are told by their shape.
 */
const askingForAll = ['amp-login', 'gemini-trust', 'codex-sign-in', 'gemini-auth-after-trust', 'qwen-provider-picker'];

describe('the typed prompt on recorded CLI screens', () => {
  for (const name of askingForAll) {
    it(`is not typed on ${name}, with its own rules or the generic ones, even after a minute of silence`, () => {
      const tool = loadRecordedScreen(name).tool;
      expect(typedOn(name, tool, 60_000)).toEqual([]);
      expect(typedOn(name, 'custom', 60_000)).toEqual([]);
    });
  }

  it('is not typed into the ready box Codex draws a moment before its sign-in screen covers it', () => {
    // The screen reads as ready for about 100 ms: a prompt typed then would land in the sign-in.
    expect(typedOn('codex-sign-in', 'codex', 60_000)).toEqual([]);
  });

  for (const name of [
    'claude-usage-limit',
    'claude-session-limit-retry',
    'codex-usage-limit',
    'gemini-usage-limit',
    'gemini-quota',
  ]) {
    it(`is not typed into ${name}'s input box while the limit lasts (it would only hit the limit again)`, () => {
      expect(typedOn(name, loadRecordedScreen(name).tool, 60_000)).toEqual([]);
    });
  }

  it('is typed once on a ready input box (opencode)', () => {
    expect(typedOn('opencode-ready', 'opencode', 10_000)).toEqual(['the task']);
  });

  it('is typed once on a ready input box read with the generic rules alone (no menu seen in it)', () => {
    expect(typedOn('opencode-ready', 'custom', 10_000)).toEqual(['the task']);
  });
});
