import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FollowUp } from '../../shared/follow-ups';
import { FollowUpQueue } from './follow-up-queue';
import { messageKeystrokes } from './message-keystrokes';

function queueWithAgent(running = true) {
  const typed: string[] = [];
  const lists: (readonly FollowUp[])[] = [];
  const queue = new FollowUpQueue({
    type: (text) => {
      if (!running) return false;
      typed.push(text);
      return true;
    },
    changed: (items) => lists.push(items),
  });
  return { queue, typed, lists };
}

describe('FollowUpQueue', () => {
  it('holds the typed prompt through a question and types it once the agent is idle', () => {
    const { queue, typed } = queueWithAgent();
    queue.addPrompt('fix the login bug');
    queue.statusChanged('working');
    queue.statusChanged('needs-input');
    expect(typed).toEqual([]);
    expect(queue.promptWaiting).toBe(true);
    queue.statusChanged('working');
    queue.statusChanged('idle');
    expect(typed).toEqual(['fix the login bug']);
    expect(queue.promptWaiting).toBe(false);
    queue.statusChanged('idle');
    expect(typed).toEqual(['fix the login bug']);
  });

  it('delivers in order, one per ready turn, the prompt first', () => {
    const { queue, typed } = queueWithAgent();
    queue.apply({ op: 'add', text: 'first follow-up' });
    queue.addPrompt('the task');
    queue.apply({ op: 'add', text: 'second follow-up' });
    queue.statusChanged('idle');
    expect(typed).toEqual(['the task']);
    // Still idle after the delivery (the screen read has not changed yet): nothing more goes.
    queue.apply({ op: 'add', text: 'third' });
    expect(typed).toEqual(['the task']);
    queue.statusChanged('working');
    queue.statusChanged('needs-input');
    expect(typed).toEqual(['the task']);
    queue.statusChanged('idle');
    queue.statusChanged('working');
    queue.statusChanged('idle');
    expect(typed).toEqual(['the task', 'first follow-up', 'second follow-up']);
    expect(queue.items.map((item) => item.text)).toEqual(['third']);
  });

  it('types a message at once when the agent is ready', () => {
    const { queue, typed } = queueWithAgent();
    queue.statusChanged('idle');
    queue.apply({ op: 'add', text: 'now please' });
    expect(typed).toEqual(['now please']);
    expect(queue.items).toEqual([]);
  });

  it('edits, removes and sends now on request; a gone item is refused clearly', () => {
    const { queue, typed, lists } = queueWithAgent();
    queue.statusChanged('needs-input');
    const a = queue.apply({ op: 'add', text: 'a' });
    const b = queue.apply({ op: 'add', text: 'b' });
    if (!a || !b) throw new Error('add returns the item');
    queue.apply({ op: 'edit', id: a.id, text: 'a, edited' });
    expect(queue.items.map((item) => item.text)).toEqual(['a, edited', 'b']);
    queue.apply({ op: 'sendNow', id: b.id });
    expect(typed).toEqual(['b']);
    queue.apply({ op: 'remove', id: a.id });
    expect(queue.items).toEqual([]);
    expect(lists.length).toBe(5);
    expect(() => queue.apply({ op: 'remove', id: a.id })).toThrow(/no longer waiting/);
  });

  it('keeps the message while no agent takes it, and after a reset waits for the next ready screen', () => {
    const stopped = queueWithAgent(false);
    stopped.queue.statusChanged('idle');
    stopped.queue.apply({ op: 'add', text: 'kept' });
    expect(stopped.queue.items.map((item) => item.text)).toEqual(['kept']);
    expect(() => stopped.queue.apply({ op: 'sendNow', id: stopped.queue.items[0]?.id ?? '' })).toThrow(/not running/);

    const { queue, typed } = queueWithAgent();
    queue.statusChanged('idle');
    queue.reset();
    queue.apply({ op: 'add', text: 'after a restart of the agent' });
    expect(typed).toEqual([]);
  });
});

describe('FollowUpQueue timing', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for a ready screen to hold quiet before typing', () => {
    vi.useFakeTimers();
    const { queue, typed } = queueWithAgent();
    queue.addPrompt('the task');
    queue.output();
    queue.statusChanged('idle');
    expect(typed).toEqual([]);
    vi.advanceTimersByTime(500);
    queue.output(); // the screen is being redrawn: maybe a sign-in going over the box
    vi.advanceTimersByTime(500);
    expect(typed).toEqual([]);
    queue.statusChanged('needs-input');
    vi.advanceTimersByTime(10_000);
    expect(typed).toEqual([]);
  });

  it('moves on when a quick agent answered without its screen ever leaving ready', () => {
    vi.useFakeTimers();
    const { queue, typed } = queueWithAgent();
    queue.statusChanged('idle');
    queue.apply({ op: 'add', text: 'one' });
    queue.apply({ op: 'add', text: 'two' });
    expect(typed).toEqual(['one']);
    queue.output(); // the echo and the answer, inside the tracker's echo window
    vi.advanceTimersByTime(3_000);
    expect(typed).toEqual(['one']);
    vi.advanceTimersByTime(1_100);
    expect(typed).toEqual(['one', 'two']);
  });

  it('never moves on without output after the message, nor while the agent asks', () => {
    vi.useFakeTimers();
    const { queue, typed } = queueWithAgent();
    queue.statusChanged('idle');
    queue.apply({ op: 'add', text: 'one' });
    queue.apply({ op: 'add', text: 'two' });
    vi.advanceTimersByTime(10_000);
    expect(typed).toEqual(['one']);
    queue.output();
    queue.statusChanged('needs-input');
    vi.advanceTimersByTime(10_000);
    expect(typed).toEqual(['one']);
  });
});

describe('messageKeystrokes', () => {
  it('is one bracketed paste when the program turned that on, newlines kept', () => {
    expect(messageKeystrokes('line one\r\nline two\n', true)).toBe('\x1b[200~line one\nline two\x1b[201~');
  });

  it('is one line otherwise: a bare newline would submit each line on its own', () => {
    expect(messageKeystrokes('line one\n  line two\n\nthree', false)).toBe('line one line two three');
    expect(messageKeystrokes('one\ntwo', false)).not.toMatch(/[\r\n]/);
  });
});
