import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { EventBus } from '../app/event-bus';
import { type DesktopNotification, notifyThreadAttention, type ThreadAttentionOptions } from './notifications';
import { makeThread } from '../../shared/test-fixtures';

class StandInNotification implements DesktopNotification {
  static created: StandInNotification[] = [];
  shown = false;
  closed = false;
  private clickListener: (() => void) | null = null;
  constructor(readonly options: { title: string; body: string }) {
    StandInNotification.created.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
  on(_event: 'click', listener: () => void): this {
    this.clickListener = listener;
    return this;
  }
  click(): void {
    this.clickListener?.();
  }
}

function thread(overrides: Partial<Thread>): Thread {
  return makeThread({ profileId: 'claude', status: 'starting', worktreePath: '/w/fix-login', ...overrides });
}

function setup(options: Partial<ThreadAttentionOptions> = {}) {
  StandInNotification.created = [];
  const events = new EventBus();
  const badges: number[] = [];
  const clicks: string[] = [];
  const unsubscribe = notifyThreadAttention({
    events,
    Notification: StandInNotification,
    setBadgeCount: (count) => badges.push(count),
    onClick: (threadId) => clicks.push(threadId),
    ...options,
  });
  const update = (overrides: Partial<Thread>) => events.emit('thread.updated', thread(overrides));
  return { events, badges, clicks, unsubscribe, update, created: () => StandInNotification.created };
}

describe('desktop notifications (Electron)', () => {
  it('notifies once per transition into needs-input, done or failed, with the reason', () => {
    const { update, created, clicks } = setup();
    update({ status: 'starting' });
    update({ status: 'working' });
    expect(created()).toEqual([]);
    update({ status: 'needs-input', statusReason: 'asks: Apply this edit? (y/n)' });
    update({ status: 'needs-input', statusReason: 'asks: Apply this edit? (y/n)' });
    update({ status: 'needs-input', statusReason: 'asks: something reworded' });
    expect(created().map((n) => n.options)).toEqual([
      { title: 'Fix login needs your input', body: 'asks: Apply this edit? (y/n)' },
    ]);
    expect(created()[0]?.shown).toBe(true);
    created()[0]?.click();
    expect(clicks).toEqual(['t1']);
    update({ status: 'working' });
    expect(created()[0]?.closed).toBe(true);
    update({ status: 'done', statusReason: 'exit 0: Done.' });
    update({ id: 't2', status: 'working' });
    update({ id: 't2', status: 'failed', statusReason: 'exit 1: Not logged in' });
    expect(created().map((n) => n.options.title)).toEqual([
      'Fix login needs your input',
      'Fix login finished',
      'Fix login failed',
    ]);
  });

  it('does not notify for a thread first seen in such a state (e.g. restored at start)', () => {
    const { update, created } = setup();
    update({ status: 'failed', statusReason: 'exit 1' });
    update({ id: 't2', status: 'needs-input' });
    expect(created()).toEqual([]);
  });

  it('keeps the badge at the number of threads waiting for input', () => {
    const { update, events, badges } = setup();
    update({ id: 'a', status: 'working' });
    update({ id: 'b', status: 'working' });
    update({ id: 'a', status: 'needs-input' });
    update({ id: 'b', status: 'needs-input' });
    update({ id: 'b', status: 'needs-input', statusReason: 'other' });
    update({ id: 'a', status: 'working' });
    events.emit('thread.removed', { threadId: 'b' });
    expect(badges).toEqual([1, 2, 1, 0]);
  });

  it('follows the notifications setting, and stays quiet while the window has focus', () => {
    let focused = true;
    const { update, events, created } = setup({ isWindowFocused: () => focused });
    update({ status: 'working' });
    update({ status: 'needs-input' });
    expect(created()).toEqual([]);
    focused = false;
    events.emit('settings.updated', {
      maxRunningAgents: null,
      notifications: false,
      agentsOnQuit: 'ask',
      effectiveMaxRunningAgents: 4,
    });
    update({ status: 'working' });
    update({ status: 'done' });
    expect(created()).toEqual([]);
    events.emit('settings.updated', {
      maxRunningAgents: null,
      notifications: true,
      agentsOnQuit: 'ask',
      effectiveMaxRunningAgents: 4,
    });
    update({ id: 't2', status: 'working' });
    update({ id: 't2', status: 'failed' });
    expect(created().map((n) => n.options)).toEqual([{ title: 'Fix login failed', body: 'switchyard/fix-login' }]);
  });

  it('asks isEnabled when given one, and stops listening on unsubscribe', () => {
    let enabled = false;
    const { update, created, unsubscribe } = setup({ isEnabled: () => enabled });
    update({ status: 'working' });
    update({ status: 'needs-input' });
    expect(created()).toEqual([]);
    enabled = true;
    update({ status: 'working' });
    update({ status: 'needs-input' });
    expect(created()).toHaveLength(1);
    unsubscribe();
    update({ status: 'working' });
    update({ status: 'done' });
    expect(created()).toHaveLength(1);
  });
});
