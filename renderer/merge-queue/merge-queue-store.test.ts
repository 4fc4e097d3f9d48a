import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract';
import { type Orphans, type QueueView, QueueViewSchema } from '../../shared/merge-queue';
import { keptOutputChars } from '../../shared/limits';
import { FakeBridge, ok } from '../test-support/fake-bridge';
import { FakeConnection } from '../test-support/fake-connection';
import { createMergeQueueActions } from './merge-queue-actions';
import { useMergeQueueStore } from './merge-queue-store';
import { followMergeQueue } from './use-merge-queue-sync';

function makeQueueView(overrides: Partial<QueueView> = {}): QueueView {
  return QueueViewSchema.parse({
    projectId: 'p1',
    settings: {},
    target: 'main',
    base: 'main',
    targetTip: 'abc123',
    entries: [],
    candidates: [],
    matrix: null,
    matrixError: null,
    suggestedOrder: null,
    cycle: null,
    landing: null,
    lastOutcome: null,
    recovery: null,
    stoppedThreadId: null,
    landed: [],
    ...overrides,
  });
}

const failure = { ok: false, error: { kind: 'internal', message: 'boom' } } as const;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A host whose queue for each project is `views[projectId]`, counting the loads. */
function hostWith(views: Record<string, QueueView>): FakeBridge {
  return new FakeBridge().handle('mergeQueue.get', ({ projectId }) => {
    const view = views[projectId];
    return view ? ok(view) : failure;
  });
}

const loads = (bridge: FakeBridge) => bridge.calls.filter((call) => call.channel === 'mergeQueue.get').length;
const state = () => useMergeQueueStore.getState();

beforeEach(() => {
  useMergeQueueStore.getState().show(null);
  useMergeQueueStore.setState({ busy: false });
});

describe('following a project queue', () => {
  it('loads the queue, then follows the pushed updates of that project only', async () => {
    const bridge = hostWith({ p1: makeQueueView({ target: 'main' }) });
    const stop = followMergeQueue(bridge, new FakeConnection(), 'p1');
    expect(state()).toMatchObject({ projectId: 'p1', view: null });
    await settle();
    expect(state().view?.target).toBe('main');

    bridge.emit('mergeQueue.updated', makeQueueView({ target: 'integration/next' }));
    expect(state().view?.target).toBe('integration/next');
    bridge.emit('mergeQueue.updated', makeQueueView({ projectId: 'p2', target: 'elsewhere' }));
    expect(state().view?.target).toBe('integration/next');
    stop();
  });

  it("puts a landing's steps on the view shown, and ignores another project's", async () => {
    const bridge = hostWith({ p1: makeQueueView({ target: 'main' }) });
    const stop = followMergeQueue(bridge, new FakeConnection(), 'p1');
    await settle();
    bridge.emit('mergeQueue.progress', { projectId: 'p1', running: true, branch: 'b', step: 'verifying' });
    expect(state().view?.landing).toEqual({ projectId: 'p1', running: true, branch: 'b', step: 'verifying' });
    bridge.emit('mergeQueue.progress', { projectId: 'p2', running: true, branch: 'c', step: 'applying' });
    expect(state().view?.landing?.branch).toBe('b');
    expect(state().view?.target).toBe('main');
    stop();
  });

  it("keeps the landing's output of that project, bounded to its tail", () => {
    const bridge = hostWith({});
    const stop = followMergeQueue(bridge, new FakeConnection(), 'p1');
    bridge.emit('mergeQueue.output', { projectId: 'p1', branch: 'b', data: 'verify: ' });
    bridge.emit('mergeQueue.output', { projectId: 'p2', branch: 'b', data: 'not ours ' });
    bridge.emit('mergeQueue.output', { projectId: 'p1', branch: 'b', data: 'ok\n' });
    expect(state().output).toBe('verify: ok\n');

    bridge.emit('mergeQueue.output', { projectId: 'p1', branch: 'b', data: 'x'.repeat(keptOutputChars) + 'end' });
    expect(state().output).toHaveLength(keptOutputChars);
    expect(state().output.endsWith('end')).toBe(true);
    stop();
  });

  it('loads again after a reconnect, not on other changes of the link', async () => {
    const bridge = hostWith({ p1: makeQueueView() });
    const connection = new FakeConnection();
    const stop = followMergeQueue(bridge, connection, 'p1');
    await settle();
    expect(loads(bridge)).toBe(1);

    connection.set({ status: 'reconnecting', failures: 2 });
    await settle();
    expect(loads(bridge)).toBe(1);

    connection.reconnect();
    await settle();
    expect(loads(bridge)).toBe(2);
    stop();
  });

  it('keeps a failed load in error', async () => {
    const stop = followMergeQueue(hostWith({}), new FakeConnection(), 'p1');
    await settle();
    expect(state()).toMatchObject({ view: null, error: { message: 'boom' } });
    stop();
  });

  it('never shows another project: switching starts from nothing and late answers are dropped', async () => {
    let answer: (result: Result<QueueView>) => void = () => {};
    const bridge = new FakeBridge().handle('mergeQueue.get', ({ projectId }) =>
      projectId === 'p1' ? new Promise((resolve) => (answer = resolve)) : ok(makeQueueView({ projectId })),
    );
    const connection = new FakeConnection();
    const stopFirst = followMergeQueue(bridge, connection, 'p1');
    bridge.emit('mergeQueue.output', { projectId: 'p1', branch: 'b', data: 'p1 output' });
    stopFirst();

    const stop = followMergeQueue(bridge, connection, 'p2');
    expect(state()).toMatchObject({ projectId: 'p2', view: null, output: '' });
    answer(ok(makeQueueView({ projectId: 'p1' })));
    await settle();
    expect(state().view?.projectId).toBe('p2');
    stop();
  });

  it('stops listening when stopped', () => {
    const bridge = hostWith({});
    const connection = new FakeConnection();
    followMergeQueue(bridge, connection, 'p1')();
    expect(bridge.listenerCount('mergeQueue.updated')).toBe(0);
    expect(bridge.listenerCount('mergeQueue.output')).toBe(0);
    expect(connection.listenerCount()).toBe(0);
  });
});

describe('queue requests', () => {
  beforeEach(() => useMergeQueueStore.getState().show('p1'));

  it('adopts the queue view a request answers with, busy while it runs', async () => {
    let answer: (result: Result<QueueView>) => void = () => {};
    const bridge = new FakeBridge().handle('mergeQueue.reorder', () => new Promise((resolve) => (answer = resolve)));
    const pending = createMergeQueueActions(bridge).reorder('p1', ['b', 'a']);
    expect(state().busy).toBe(true);
    expect(bridge.calls).toEqual([{ channel: 'mergeQueue.reorder', request: { projectId: 'p1', order: ['b', 'a'] } }]);

    answer(ok(makeQueueView({ suggestedOrder: ['b', 'a'] })));
    await pending;
    expect(state()).toMatchObject({ busy: false, error: null, view: { suggestedOrder: ['b', 'a'] } });
  });

  it('keeps a failure in error and clears it on the next request', async () => {
    const bridge = new FakeBridge()
      .handle('mergeQueue.refresh', () => failure)
      .handle('mergeQueue.add', () => ok(makeQueueView()));
    const actions = createMergeQueueActions(bridge);
    await actions.refresh('p1');
    expect(state()).toMatchObject({ busy: false, error: { message: 'boom' } });
    await actions.add('p1', 't1');
    expect(state().error).toBeNull();
  });

  it('starts a fresh output for a landing and leaves the view to the pushed updates', async () => {
    const view = makeQueueView();
    useMergeQueueStore.setState({ view, output: 'last landing' });
    const bridge = new FakeBridge().handle('mergeQueue.land', () =>
      ok({
        target: 'main',
        before: 'a',
        after: 'b',
        landed: ['switchyard/x'],
        commits: {},
        stopped: null,
        changelogCommit: null,
        checkoutNotice: null,
        recovered: null,
      }),
    );
    const result = await createMergeQueueActions(bridge).land('p1', true);
    expect(result.ok).toBe(true);
    expect(state().output).toBe('');
    expect(state().view).toBe(view);
  });

  it('keeps the hand-back outcome, cleared when the next one fails', async () => {
    const outcome = {
      rebased: true,
      conflicts: [],
      messaged: false,
      newTip: 'c',
      backupRef: null,
      message: 'Rebased.',
    };
    let next: Result<typeof outcome> = ok(outcome);
    const actions = createMergeQueueActions(new FakeBridge().handle('mergeQueue.handBack', () => next));
    await actions.handBack('p1', 't1');
    expect(state().handBack).toEqual(outcome);
    next = failure;
    await actions.handBack('p1', 't1');
    expect(state()).toMatchObject({ handBack: null, error: { message: 'boom' } });
  });

  it('keeps found orphans until they are cleaned up, then the report', async () => {
    const orphans: Orphans = {
      prunableWorktrees: ['/gone'],
      branches: [{ branch: 'switchyard/old', merged: true }],
      threads: [],
    };
    const report = [{ subject: 'switchyard/old', removed: ['branch'], kept: [], backupRefs: [] }];
    const bridge = new FakeBridge()
      .handle('mergeQueue.orphans', () => ok(orphans))
      .handle('mergeQueue.cleanOrphans', () => ok(report));
    const actions = createMergeQueueActions(bridge);
    await actions.findOrphans('p1');
    expect(state().orphans).toEqual(orphans);

    await actions.cleanOrphans('p1', orphans);
    expect(bridge.calls.at(-1)?.request).toEqual({
      projectId: 'p1',
      prune: true,
      branches: ['switchyard/old'],
      threadIds: [],
    });
    expect(state()).toMatchObject({ orphans: null, cleanupReport: report });
  });

  it('drops an answer that comes after another project was shown', async () => {
    let answer: (result: Result<QueueView>) => void = () => {};
    const bridge = new FakeBridge().handle('mergeQueue.refresh', () => new Promise((resolve) => (answer = resolve)));
    const pending = createMergeQueueActions(bridge).refresh('p1');
    useMergeQueueStore.getState().show('p2');
    answer(failure);
    await pending;
    expect(state()).toMatchObject({ projectId: 'p2', view: null, error: null, busy: false });
  });
});
