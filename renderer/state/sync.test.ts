import { beforeEach, describe, expect, it } from 'vitest';
import { FakeBridge, ok } from '../test-support/fake-bridge';
import { makeProject, makeThread } from '../../shared/test-fixtures';
import { createActions } from './actions';
import { useAppInfoStore } from './app-info-store';
import { chooseProject, useProjectsStore } from './projects-store';
import { loadEverything, subscribeToEvents } from './sync';
import { useThreadsStore } from './threads-store';
import { useProfilesStore } from './profiles-store';
import { useUiStore } from './ui-store';
import { revealThread } from '../inbox/reveal-thread';

beforeEach(() => {
  useThreadsStore.setState({ byId: {}, selectedId: null, lastErrorById: {}, lastSelectedByProject: {} });
  useProjectsStore.setState({ projects: [], selectedId: null });
  useProfilesStore.setState({ profiles: [] });
  useAppInfoStore.setState({ info: null, loaded: false, loadError: null });
});

function hostWith(projects = [makeProject()], threads = [makeThread()]): FakeBridge {
  return new FakeBridge()
    .handle('app.info', () =>
      ok({
        version: '0.1.0',
        host: 'browser',
        dataDir: '/d',
        platform: 'linux',
        firstRun: false,
        canPickFolder: false,
        stateProblem: null,
        startReport: { startedAt: '', reattached: [], stopped: [] },
      }),
    )
    .handle('projects.list', () => ok(projects))
    .handle('profiles.list', () => ok([]))
    .handle('threads.list', () => ok(threads));
}

describe('initial load', () => {
  it('fills the stores and selects the newest project and its first thread', async () => {
    const bridge = hostWith(
      [makeProject({ id: 'old', openedAt: '2024-01-01T00:00:00Z' }), makeProject({ id: 'new', name: 'api' })],
      [makeThread({ id: 't-new', projectId: 'new' }), makeThread({ id: 't-old', projectId: 'old' })],
    );
    expect(await loadEverything(bridge)).toBeNull();
    expect(useAppInfoStore.getState().info?.host).toBe('browser');
    expect(useProjectsStore.getState().selectedId).toBe('new');
    expect(useThreadsStore.getState().selectedId).toBe('t-new');
  });

  it('reports the first failure but still applies what loaded', async () => {
    const bridge = hostWith().handle('profiles.list', () => ({
      ok: false,
      error: { kind: 'internal', message: 'profiles broke' },
    }));
    const error = await loadEverything(bridge);
    expect(error?.message).toBe('profiles broke');
    expect(useProjectsStore.getState().projects).toHaveLength(1);
  });

  it('keeps a still-valid project selection, else falls back to the remembered or newest one', () => {
    const projects = [
      makeProject({ id: 'a', openedAt: '2025-01-01T00:00:00Z' }),
      makeProject({ id: 'b', openedAt: '2025-02-01T00:00:00Z' }),
    ];
    expect(chooseProject(projects, 'a', 'b')).toBe('a');
    expect(chooseProject(projects, 'gone', 'a')).toBe('a');
    expect(chooseProject(projects, null, 'gone')).toBe('b');
    expect(chooseProject([], null, null)).toBeNull();
  });
});

describe('actions', () => {
  it('demo.start selects the demo project and its first thread', async () => {
    const project = makeProject({ id: 'demo' });
    const threads = [makeThread({ id: 'd1', projectId: 'demo' }), makeThread({ id: 'd2', projectId: 'demo' })];
    const bridge = new FakeBridge().handle('demo.start', () => ok({ project, threads }));
    const result = await createActions(bridge).startDemo();
    expect(result.ok).toBe(true);
    expect(useProjectsStore.getState().selectedId).toBe('demo');
    expect(useThreadsStore.getState().selectedId).toBe('d1');
    expect(Object.keys(useThreadsStore.getState().byId).sort()).toEqual(['d1', 'd2']);
  });

  it('a successful removal drops the thread at once; unsaved-work is not recorded as a thread error', async () => {
    useThreadsStore.getState().replaceAll([makeThread({ id: 't1' })]);
    const unsaved = new FakeBridge().handle('threads.remove', () => ({
      ok: false,
      error: {
        kind: 'unsaved-work',
        message: '2 files',
        details: { uncommittedFiles: ['a', 'b'], unmergedCommits: 1 },
      },
    }));
    const refused = await createActions(unsaved).removeThread('t1', false);
    expect(refused.ok).toBe(false);
    expect(useThreadsStore.getState().lastErrorById.t1).toBeUndefined();
    expect(useThreadsStore.getState().byId.t1).toBeDefined();

    const removes = new FakeBridge().handle('threads.remove', (request) =>
      ok({
        threadId: request.threadId,
        worktreeRemoved: true,
        branchDeleted: true,
        backupRef: 'refs/switchyard/backup/x',
      }),
    );
    const removed = await createActions(removes).removeThread('t1', true);
    expect(removed.ok).toBe(true);
    expect(removes.calls).toEqual([{ channel: 'threads.remove', request: { threadId: 't1', discard: true } }]);
    expect(useThreadsStore.getState().byId.t1).toBeUndefined();
  });

  it('project.updated replaces the project in place', () => {
    const bridge = new FakeBridge();
    const unsubscribe = subscribeToEvents(bridge);
    useProjectsStore.getState().replaceAll([makeProject()]);
    bridge.emit('project.updated', makeProject({ currentBranch: 'develop' }));
    expect(useProjectsStore.getState().projects.map((p) => p.currentBranch)).toEqual(['develop']);
    unsubscribe();
  });

  it('app.openThread (a clicked desktop notification) opens that thread in its project', () => {
    const bridge = new FakeBridge();
    const unsubscribe = subscribeToEvents(bridge, { openThread: revealThread });
    useProjectsStore.getState().replaceAll([makeProject({ id: 'p1' }), makeProject({ id: 'p2', name: 'api' })]);
    useProjectsStore.getState().select('p1');
    useThreadsStore
      .getState()
      .replaceAll([makeThread({ id: 'mine', projectId: 'p1' }), makeThread({ id: 'asks', projectId: 'p2' })]);
    useThreadsStore.getState().select('mine');
    useUiStore.getState().setMainView('merge-queue');

    bridge.emit('app.openThread', { threadId: 'asks' });

    expect(useProjectsStore.getState().selectedId).toBe('p2');
    expect(useThreadsStore.getState().selectedId).toBe('asks');
    expect(useUiStore.getState().mainView).toBe('thread');
    unsubscribe();
  });
});
