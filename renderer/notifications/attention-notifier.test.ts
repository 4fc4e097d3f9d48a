import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { FakeBridge, ok } from '../test-support/fake-bridge';
import { makeThread } from '../../shared/test-fixtures';
import { useThreadsStore } from '../state/threads-store';
import { startAttentionNotifier } from './attention-notifier';
import { attentionTransitions } from './attention-transitions';
import { followNotificationsSetting, useNotificationsSetting } from './notifications-setting';

const initial = useThreadsStore.getState();
let stop: (() => void) | null = null;

beforeEach(() => {
  useThreadsStore.setState({ ...initial, byId: {}, selectedId: null });
  useNotificationsSetting.setState({ enabled: true, permission: 'granted' });
});

afterEach(() => {
  stop?.();
  stop = null;
});

function notifier(options: { enabled?: () => boolean; lookingAt?: string } = {}) {
  const shown: Array<{ title: string; body: string; tag: string; click: () => void }> = [];
  const revealed: string[] = [];
  stop = startAttentionNotifier({
    show: (notice, onClick) => shown.push({ ...notice, click: onClick }),
    isEnabled: options.enabled ?? (() => true),
    isLookingAt: (thread: Thread) => thread.id === options.lookingAt,
    reveal: (thread) => revealed.push(thread.id),
  });
  return { shown, revealed };
}

const upsert = (overrides: Partial<Thread>) => useThreadsStore.getState().upsert(makeThread(overrides));

describe('attention transitions', () => {
  it('are threads known before that now need input, are done or failed', () => {
    const before = { a: makeThread({ id: 'a', status: 'working' }), b: makeThread({ id: 'b', status: 'done' }) };
    const after = {
      a: makeThread({ id: 'a', status: 'needs-input' }),
      b: makeThread({ id: 'b', status: 'done', statusReason: 'reworded' }),
      c: makeThread({ id: 'c', status: 'failed' }),
    };
    expect(attentionTransitions(before, after).map((t) => t.id)).toEqual(['a']);
    expect(attentionTransitions(after, after)).toEqual([]);
  });
});

describe('renderer notifications', () => {
  it('notifies once per transition, with the reason, and reveals the thread on click', () => {
    const { shown, revealed } = notifier();
    upsert({ id: 't1', name: 'Fix login', status: 'working' });
    upsert({ id: 't1', name: 'Fix login', status: 'needs-input', statusReason: 'asks: Apply this edit? (y/n)' });
    upsert({ id: 't1', name: 'Fix login', status: 'needs-input', statusReason: 'asks: Apply this edit? (y/n)' });
    expect(shown.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([
      { title: 'Fix login needs your input', body: 'asks: Apply this edit? (y/n)', tag: 'switchyard-t1' },
    ]);
    shown[0]?.click();
    expect(revealed).toEqual(['t1']);
    upsert({ id: 't1', name: 'Fix login', status: 'working' });
    upsert({ id: 't1', name: 'Fix login', status: 'failed', statusReason: 'exit 1: boom' });
    expect(shown.map((n) => n.title)).toEqual(['Fix login needs your input', 'Fix login failed']);
  });

  it('notifies a stalled or stuck agent, but not a rate-limited one (it waits on the provider)', () => {
    const { shown } = notifier();
    upsert({ id: 't1', name: 'Fix login', status: 'working' });
    upsert({ id: 't1', name: 'Fix login', status: 'rate-limited', statusReason: 'rate-limited until 15:00' });
    upsert({ id: 't1', name: 'Fix login', status: 'working' });
    upsert({
      id: 't1',
      name: 'Fix login',
      status: 'stalled',
      statusReason: 'stuck? no output or screen change for 10 minutes',
    });
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Fix login may be stuck', body: 'stuck? no output or screen change for 10 minutes' },
    ]);
  });

  it('stays quiet for the thread being looked at, for new threads, and when disabled', () => {
    let enabled = true;
    const { shown } = notifier({ lookingAt: 'seen', enabled: () => enabled });
    upsert({ id: 'seen', status: 'working' });
    upsert({ id: 'seen', status: 'needs-input' });
    upsert({ id: 'fresh', status: 'done' });
    enabled = false;
    upsert({ id: 'other', status: 'working' });
    upsert({ id: 'other', status: 'done' });
    expect(shown).toEqual([]);
  });

  it('counts a reload after a reconnect like events', () => {
    const { shown } = notifier();
    useThreadsStore.getState().replaceAll([makeThread({ id: 'a', status: 'working' })]);
    useThreadsStore.getState().replaceAll([makeThread({ id: 'a', status: 'done' })]);
    expect(shown.map((n) => n.title)).toEqual(['Fix login finished']);
  });

  it('follows the host’s notifications setting', async () => {
    const bridge = new FakeBridge().handle('settings.get', () =>
      ok({ maxRunningAgents: null, notifications: false, agentsOnQuit: 'ask', effectiveMaxRunningAgents: 4 }),
    );
    const unsubscribe = followNotificationsSetting(bridge);
    await Promise.resolve();
    await Promise.resolve();
    expect(useNotificationsSetting.getState().enabled).toBe(false);
    bridge.emit('settings.updated', {
      maxRunningAgents: null,
      notifications: true,
      agentsOnQuit: 'ask',
      effectiveMaxRunningAgents: 4,
    });
    expect(useNotificationsSetting.getState().enabled).toBe(true);
    unsubscribe();
    expect(bridge.listenerCount('settings.updated')).toBe(0);
  });

  it('keeps notifications on when the host has no settings channel', async () => {
    const unsubscribe = followNotificationsSetting(new FakeBridge());
    await Promise.resolve();
    await Promise.resolve();
    expect(useNotificationsSetting.getState().enabled).toBe(true);
    unsubscribe();
  });
});
