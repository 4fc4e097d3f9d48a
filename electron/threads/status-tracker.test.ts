import { afterEach, describe, expect, it, vi } from 'vitest';
import { commonNeedsInputPatterns } from '../agents/profile';
import { type StatusChange, StatusTracker } from './status-tracker';

afterEach(() => vi.useRealTimers());

function tracker() {
  vi.useFakeTimers();
  const changes: StatusChange[] = [];
  const t = new StatusTracker({ needsInputPatterns: commonNeedsInputPatterns, onChange: (c) => changes.push(c) });
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
    t.input();
    expect(last()?.status).toBe('working');
  });

  it('recognises the real CLIs’ waiting screens', () => {
    for (const screen of [
      'Do you trust the files in this folder?\n1. Yes\n2. No',
      'Would you like to log in to Amp? [(y)es, (n)o]: ',
      'Choose how you want to use Codex\nPress enter to continue',
    ]) {
      const { t, last } = tracker();
      t.output(screen);
      vi.advanceTimersByTime(300);
      expect(last()?.status, screen).toBe('needs-input');
      vi.useRealTimers();
    }
  });

  it('goes idle after a quiet spell without a question, and never polls while idle', () => {
    const { t, last, changes } = tracker();
    t.output('compiling\n');
    vi.advanceTimersByTime(4000);
    expect(last()?.status).toBe('idle');
    const count = changes.length;
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(changes.length).toBe(count);
  });

  it('reports exits with the code and the last line, and a stop as stopped', () => {
    const a = tracker();
    a.t.output('Unable to connect to Anthropic services\n');
    a.t.exit(1, null, false);
    expect(a.last()).toEqual({ status: 'failed', reason: 'exit 1: Unable to connect to Anthropic services' });
    a.t.output('more output after exit');
    expect(a.last()?.status).toBe('failed');
    vi.useRealTimers();
    const b = tracker();
    b.t.output('all good\n');
    b.t.exit(0, null, false);
    expect(b.last()).toEqual({ status: 'done', reason: 'exit 0: all good' });
    vi.useRealTimers();
    const c = tracker();
    c.t.exit(0, 15, true);
    expect(c.last()?.status).toBe('stopped');
  });
});
