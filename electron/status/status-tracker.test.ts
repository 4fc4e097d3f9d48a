import { afterEach, describe, expect, it, vi } from 'vitest';
import { type StatusChange, StatusTracker, type StatusTrackerOptions } from './status-tracker';

afterEach(() => vi.useRealTimers());

function tracker(options: Partial<StatusTrackerOptions> = {}) {
  vi.useFakeTimers();
  const changes: StatusChange[] = [];
  const t = new StatusTracker({ cols: 80, rows: 24, onChange: (c) => changes.push(c), ...options });
  return { t, changes, last: () => changes.at(-1) };
}

describe('StatusTracker', () => {
  it('goes starting → working on output, and to needs input when a question settles on screen', () => {
    const { t, last } = tracker();
    expect(t.current.status).toBe('starting');
    t.output('\u001b[32mThinking…\u001b[0m\r\n');
    expect(last()).toEqual({ status: 'working', reason: null });
    t.output('? Apply this edit? \u001b[1m(y/n)\u001b[0m ');
    vi.advanceTimersByTime(299);
    expect(last()?.status).toBe('working');
    vi.advanceTimersByTime(1);
    expect(last()).toEqual({ status: 'needs-input', reason: 'asks: Apply this edit? (y/n)' });
  });

  it('keeps asking while the question is on screen, and works again once the answer brings new output', () => {
    const { t, last, changes } = tracker();
    t.output('? Apply this edit? (y/n) ');
    vi.advanceTimersByTime(300);
    expect(last()?.status).toBe('needs-input');
    const count = changes.length;
    // The echo of a typed key is not work, and the question is still the cursor's line.
    t.input();
    t.output('y');
    vi.advanceTimersByTime(300);
    expect(changes.length).toBe(count);
    t.input();
    t.output('\r\n');
    vi.advanceTimersByTime(300);
    expect(last()?.status).toBe('needs-input');
    t.output('Writing the file…\r\n');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'working', reason: null });
  });

  it('reads what is on screen, not what was printed: a redrawn line replaces the old one', () => {
    const { t, last } = tracker();
    t.output('Continue? (y/n) ');
    t.output('\r\u001b[2KDone thinking\r\n');
    vi.advanceTimersByTime(300);
    expect(last()?.status).toBe('working');
  });

  it('goes idle after a quiet spell without a question, and never polls while idle', () => {
    const { t, last, changes } = tracker();
    t.output('compiling\r\n');
    vi.advanceTimersByTime(4000);
    expect(last()).toEqual({ status: 'idle', reason: 'no output for a while' });
    const count = changes.length;
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(changes.length).toBe(count);
  });

  it('stays working while a spinner says so, even through a long silence', () => {
    const { t, last } = tracker({ profileId: 'claude' });
    t.output('✻ Thinking… (12s · esc to interrupt)');
    vi.advanceTimersByTime(10_000);
    expect(last()).toEqual({ status: 'working', reason: null });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads the screen even when output never pauses', () => {
    const { t, last } = tracker({ maxSettleMs: 1000 });
    t.output('Proceed? [y/N] ');
    for (let i = 0; i < 20; i++) {
      // A clock in the corner, redrawn every 100 ms, cursor back on the question's line.
      t.output(`\u001b7\u001b[24;70H${i}s\u001b8`);
      vi.advanceTimersByTime(100);
    }
    expect(last()).toEqual({ status: 'needs-input', reason: 'asks: Proceed? [y/N]' });
  });

  it('applies a custom profile’s own patterns to the last lines (off the main thread)', async () => {
    const { t, last } = tracker({ profileId: 'custom', needsInputPatterns: ['^Pick a colour:'] });
    t.output('Pick a colour: red, green\r\n> ');
    vi.advanceTimersByTime(300);
    await vi.waitFor(() =>
      expect(last()).toEqual({ status: 'needs-input', reason: 'asks: Pick a colour: red, green' }),
    );
  });

  it('ignores a broken custom pattern instead of failing', () => {
    const { t, last } = tracker({ needsInputPatterns: ['(unclosed'] });
    t.output('hello\r\n');
    vi.advanceTimersByTime(300);
    expect(last()?.status).toBe('working');
  });

  it('reports exits with the code and the most telling line, and a stop as stopped', () => {
    const a = tracker();
    a.t.output('Unable to connect to Anthropic services\r\n\r\nPlease check your internet connection.\r\n$ ');
    a.t.exit(1, null, false);
    expect(a.last()).toEqual({ status: 'failed', reason: 'exit 1: Unable to connect to Anthropic services' });
    a.t.output('more output after exit');
    expect(a.last()?.status).toBe('failed');
    vi.useRealTimers();
    const b = tracker();
    b.t.output('all good\r\n');
    b.t.exit(0, null, false);
    expect(b.last()).toEqual({ status: 'done', reason: 'exit 0: all good' });
    vi.useRealTimers();
    const c = tracker();
    c.t.exit(0, 15, true);
    expect(c.last()).toEqual({ status: 'stopped', reason: 'stopped by you' });
    vi.useRealTimers();
    const d = tracker();
    d.t.exit(0, 9, false);
    expect(d.last()).toEqual({ status: 'failed', reason: 'signal 9' });
  });

  it('follows hook events, and activity alone does not override them', () => {
    const { t, last } = tracker({ profileId: 'claude' });
    t.output('Claude Code\r\n');
    t.hookEvent('UserPromptSubmit', null);
    expect(last()).toEqual({ status: 'working', reason: null });
    t.hookEvent('Notification', 'Claude needs your permission to use Bash');
    expect(last()).toEqual({ status: 'needs-input', reason: 'Claude needs your permission to use Bash' });
    t.output('some redraw\r\n');
    vi.advanceTimersByTime(5000);
    expect(last()?.status).toBe('needs-input');
    t.hookEvent('Stop', null);
    expect(last()).toEqual({ status: 'idle', reason: 'waiting for your next prompt' });
    t.hookEvent('Notification', '  ');
    expect(last()).toEqual({ status: 'needs-input', reason: 'waiting for you' });
    t.exit(0, null, false);
    t.hookEvent('UserPromptSubmit', null);
    expect(last()?.status).toBe('done');
  });

  it('follows the pty size, so full-screen programs are read as drawn', () => {
    const { t, last } = tracker({ cols: 20, rows: 5 });
    t.resize(60, 10);
    // Drawn for 60 columns: at 20 it would wrap and the dialog line would split.
    t.output('\u001b[2J\u001b[5;1H' + ' '.repeat(20) + 'Do you trust the files in this folder?');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'needs-input', reason: 'asks: Do you trust the files in this folder?' });
  });

  it('stops its timers and frees its screen on dispose', () => {
    const { t, changes } = tracker();
    t.output('x');
    t.dispose();
    vi.advanceTimersByTime(10_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(changes).toEqual([{ status: 'working', reason: null }]);
  });
});
