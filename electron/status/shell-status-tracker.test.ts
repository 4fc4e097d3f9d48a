import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShellForeground } from './shell-foreground';
import { type StatusChange, StatusTracker } from './status-tracker';

afterEach(() => vi.useRealTimers());

/** A shell's tracker whose terminal foreground the test sets. */
function shellTracker() {
  vi.useFakeTimers();
  let foreground: ShellForeground | null = { kind: 'shell' };
  const changes: StatusChange[] = [];
  const t = new StatusTracker({
    cols: 80,
    rows: 24,
    profileId: 'shell',
    foreground: () => foreground,
    foregroundCheckMs: 1_000,
    onChange: (c) => changes.push(c),
  });
  return {
    t,
    last: () => changes.at(-1),
    setForeground: (next: ShellForeground | null) => (foreground = next),
  };
}

describe('StatusTracker for a plain shell', () => {
  it('trusts the foreground over the prompt on screen, and notices a silent start on its timer', () => {
    const { t, last, setForeground } = shellTracker();
    t.output('$ ');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'idle', reason: 'ready for a command' });

    // `sleep 12` typed with echo off: no output at all, the timer alone sees it.
    setForeground({ kind: 'program', name: 'sleep' });
    vi.advanceTimersByTime(1_000);
    expect(last()).toEqual({ status: 'working', reason: 'running sleep' });
    // Long silence does not turn a running program idle.
    vi.advanceTimersByTime(10_000);
    expect(last()).toEqual({ status: 'working', reason: 'running sleep' });

    setForeground({ kind: 'shell' });
    t.output('\r\n$ ');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'idle', reason: 'ready for a command' });
  });

  it('says needs input when the foreground program asks a question on screen', () => {
    const { t, last, setForeground } = shellTracker();
    setForeground({ kind: 'program', name: 'rm' });
    t.output('rm: remove regular file "notes.txt"? (y/n) ');
    vi.advanceTimersByTime(300);
    expect(last()?.status).toBe('needs-input');
    vi.advanceTimersByTime(3_000);
    expect(last()?.status).toBe('needs-input');
  });

  it('falls back to the screen where the terminal cannot say, and stops checking once the shell exits', () => {
    const { t, last, setForeground } = shellTracker();
    setForeground(null);
    t.output('building…\r\n');
    vi.advanceTimersByTime(300);
    expect(last()).toEqual({ status: 'working', reason: null });
    t.exit(0, null, false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
