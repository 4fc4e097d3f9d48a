import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBridge } from '../test-support/fake-bridge';
import { makeThread } from '../../shared/test-fixtures';
import { subscribeToEvents } from './sync';
import {
  compareThreads,
  countByFilter,
  matchesFilter,
  threadFilterIds,
  threadsOfProject,
  useThreadsStore,
} from './threads-store';
import { threadStatuses } from '../../shared/models';
import { useProjectsStore } from './projects-store';

const initial = useThreadsStore.getState();

beforeEach(() => {
  useThreadsStore.setState({ ...initial, byId: {}, selectedId: null, lastErrorById: {}, lastSelectedByProject: {} });
  useProjectsStore.setState({ projects: [], selectedId: 'p1' });
});

describe('thread events', () => {
  it('thread.updated adds a new thread and replaces an existing one', () => {
    const bridge = new FakeBridge();
    const unsubscribe = subscribeToEvents(bridge);

    bridge.emit('thread.updated', makeThread({ id: 'a', status: 'starting' }));
    expect(useThreadsStore.getState().byId.a?.status).toBe('starting');

    bridge.emit('thread.updated', makeThread({ id: 'a', status: 'needs-input', statusReason: 'asks: Apply? (y/n)' }));
    const thread = useThreadsStore.getState().byId.a;
    expect(thread?.status).toBe('needs-input');
    expect(thread?.statusReason).toBe('asks: Apply? (y/n)');
    expect(Object.keys(useThreadsStore.getState().byId)).toEqual(['a']);
    unsubscribe();
  });

  it('a thread appearing while nothing is selected in its project gets selected', () => {
    const bridge = new FakeBridge();
    const unsubscribe = subscribeToEvents(bridge);
    bridge.emit('thread.updated', makeThread({ id: 'other', projectId: 'p2' }));
    expect(useThreadsStore.getState().selectedId).toBeNull();
    bridge.emit('thread.updated', makeThread({ id: 'mine', projectId: 'p1' }));
    expect(useThreadsStore.getState().selectedId).toBe('mine');
    unsubscribe();
  });

  it('thread.removed drops the thread and its error, and moves the selection to a neighbour', () => {
    const bridge = new FakeBridge();
    const unsubscribe = subscribeToEvents(bridge);
    const store = useThreadsStore.getState();
    store.replaceAll([
      makeThread({ id: 'a', createdAt: '2025-01-01T00:00:01Z' }),
      makeThread({ id: 'b', createdAt: '2025-01-01T00:00:02Z' }),
      makeThread({ id: 'c', createdAt: '2025-01-01T00:00:03Z' }),
    ]);
    store.select('b');
    store.setError('b', { action: 'Stop', error: { kind: 'internal', message: 'boom' } });

    bridge.emit('thread.removed', { threadId: 'b' });
    let state = useThreadsStore.getState();
    expect(state.byId.b).toBeUndefined();
    expect(state.lastErrorById.b).toBeUndefined();
    expect(state.selectedId).toBe('c');

    bridge.emit('thread.removed', { threadId: 'c' });
    state = useThreadsStore.getState();
    expect(state.selectedId).toBe('a');

    bridge.emit('thread.removed', { threadId: 'a' });
    expect(useThreadsStore.getState().selectedId).toBeNull();

    // Removing something unknown (e.g. the event after our own optimistic removal) is harmless.
    bridge.emit('thread.removed', { threadId: 'a' });
    unsubscribe();
    expect(bridge.listenerCount('thread.removed')).toBe(0);
  });

  it('removing a thread that is not selected keeps the selection', () => {
    const store = useThreadsStore.getState();
    store.replaceAll([makeThread({ id: 'a' }), makeThread({ id: 'b', createdAt: '2025-01-02T00:00:00Z' })]);
    store.select('a');
    store.remove('b');
    expect(useThreadsStore.getState().selectedId).toBe('a');
  });
});

describe('sort order', () => {
  it('puts threads waiting for input first, then oldest first', () => {
    const threads = [
      makeThread({ id: 'new-working', status: 'working', createdAt: '2025-01-03T00:00:00Z' }),
      makeThread({ id: 'old-done', status: 'done', createdAt: '2025-01-01T00:00:00Z' }),
      makeThread({ id: 'asks', status: 'needs-input', createdAt: '2025-01-04T00:00:00Z' }),
      makeThread({ id: 'mid-failed', status: 'failed', createdAt: '2025-01-02T00:00:00Z' }),
      makeThread({ id: 'asks-older', status: 'needs-input', createdAt: '2025-01-02T12:00:00Z' }),
    ];
    expect([...threads].sort(compareThreads).map((t) => t.id)).toEqual([
      'asks-older',
      'asks',
      'old-done',
      'mid-failed',
      'new-working',
    ]);
  });

  it('lists only the given project and breaks ties by id', () => {
    const byId = Object.fromEntries(
      [
        makeThread({ id: 'b', createdAt: '2025-01-01T00:00:00Z' }),
        makeThread({ id: 'a', createdAt: '2025-01-01T00:00:00Z' }),
        makeThread({ id: 'x', projectId: 'p2' }),
      ].map((t) => [t.id, t]),
    );
    expect(threadsOfProject(byId, 'p1').map((t) => t.id)).toEqual(['a', 'b']);
    expect(threadsOfProject(byId, null)).toEqual([]);
  });
});

describe('selection within a project', () => {
  it('returns to the thread last selected in that project', () => {
    const store = useThreadsStore.getState();
    store.replaceAll([
      makeThread({ id: 'a', projectId: 'p1', createdAt: '2025-01-01T00:00:00Z' }),
      makeThread({ id: 'b', projectId: 'p1', createdAt: '2025-01-02T00:00:00Z' }),
      makeThread({ id: 'c', projectId: 'p2' }),
    ]);
    store.selectWithinProject('p1');
    expect(useThreadsStore.getState().selectedId).toBe('a');
    useThreadsStore.getState().select('b');
    useThreadsStore.getState().selectWithinProject('p2');
    expect(useThreadsStore.getState().selectedId).toBe('c');
    useThreadsStore.getState().selectWithinProject('p1');
    expect(useThreadsStore.getState().selectedId).toBe('b');
  });
});

describe('sidebar filters and orders', () => {
  const threads = [
    makeThread({ id: 'b-asks', name: 'thread 10', status: 'needs-input', createdAt: '2025-01-02T00:00:00Z' }),
    makeThread({ id: 'a-queued', name: 'thread 2', status: 'queued', createdAt: '2025-01-04T00:00:00Z' }),
    makeThread({ id: 'c-failed', name: 'Alpha', status: 'failed', createdAt: '2025-01-01T00:00:00Z' }),
    makeThread({ id: 'd-stopped', name: 'beta', status: 'stopped', createdAt: '2025-01-03T00:00:00Z' }),
    makeThread({ id: 'e-idle', name: 'gamma', status: 'idle', createdAt: '2025-01-05T00:00:00Z' }),
  ];
  const byId = Object.fromEntries(threads.map((t) => [t.id, t]));

  it('puts every thread in exactly one filter besides "all", so the counts add up', () => {
    for (const status of threadStatuses) {
      for (const archived of [false, true]) {
        const thread = makeThread({ status, archived });
        expect(
          threadFilterIds.filter((id) => id !== 'all' && matchesFilter(thread, id)),
          `${status}${archived ? ', archived' : ''}`,
        ).toEqual(archived ? ['archived'] : [expect.not.stringMatching('archived')]);
      }
    }
    expect(countByFilter(threads)).toEqual({
      all: 5,
      'needs-input': 1,
      working: 0,
      queued: 1,
      idle: 1,
      'rate-limited': 0,
      stalled: 0,
      done: 0,
      stopped: 1,
      failed: 1,
      archived: 0,
    });
  });

  it('shows rate-limited and stalled threads under their own filters, not as working or idle', () => {
    const limited = makeThread({ status: 'rate-limited', statusReason: 'rate-limited until 15:00' });
    const stalled = makeThread({ status: 'stalled', statusReason: 'stuck? no output or screen change for 10 minutes' });
    expect(threadFilterIds.filter((id) => id !== 'all' && matchesFilter(limited, id))).toEqual(['rate-limited']);
    expect(threadFilterIds.filter((id) => id !== 'all' && matchesFilter(stalled, id))).toEqual(['stalled']);
    expect(countByFilter([limited, stalled])).toMatchObject({
      all: 2,
      working: 0,
      idle: 0,
      'rate-limited': 1,
      stalled: 1,
    });
  });

  it('counts what each filter says: "Working" is not idle or queued, "Done" is not stopped', () => {
    const working = makeThread({ status: 'working' });
    const starting = makeThread({ status: 'starting' });
    for (const thread of [working, starting]) expect(matchesFilter(thread, 'working')).toBe(true);
    for (const status of ['idle', 'queued'] as const) {
      expect(matchesFilter(makeThread({ status }), 'working'), status).toBe(false);
      expect(matchesFilter(makeThread({ status }), status), status).toBe(true);
    }
    expect(matchesFilter(makeThread({ status: 'done' }), 'done')).toBe(true);
    expect(matchesFilter(makeThread({ status: 'stopped' }), 'done')).toBe(false);
    expect(matchesFilter(makeThread({ status: 'stopped' }), 'stopped')).toBe(true);
  });

  it('keeps archived (rejected) threads out of every filter but "Archived"', () => {
    const rejected = makeThread({ id: 'f-rejected', status: 'stopped', archived: true });
    expect(countByFilter([...threads, rejected])).toMatchObject({ all: 5, stopped: 1, archived: 1 });
    expect(matchesFilter(rejected, 'all')).toBe(false);
    expect(matchesFilter(rejected, 'archived')).toBe(true);
  });

  it('orders by attention, by name (numbers as numbers, case ignored) or newest first', () => {
    expect(threadsOfProject(byId, 'p1').map((t) => t.id)).toEqual([
      'b-asks',
      'c-failed',
      'd-stopped',
      'a-queued',
      'e-idle',
    ]);
    expect(threadsOfProject(byId, 'p1', 'name').map((t) => t.name)).toEqual([
      'Alpha',
      'beta',
      'gamma',
      'thread 2',
      'thread 10',
    ]);
    expect(threadsOfProject(byId, 'p1', 'newest').map((t) => t.id)).toEqual([
      'e-idle',
      'a-queued',
      'd-stopped',
      'b-asks',
      'c-failed',
    ]);
  });

  it('remembers the chosen filter and order', () => {
    const store = useThreadsStore.getState();
    store.setListFilter('failed');
    store.setListSort('name');
    expect(useThreadsStore.getState()).toMatchObject({ listFilter: 'failed', listSort: 'name' });
    store.setListFilter('all');
    store.setListSort('attention');
    expect(useThreadsStore.getState()).toMatchObject({ listFilter: 'all', listSort: 'attention' });
  });
});
