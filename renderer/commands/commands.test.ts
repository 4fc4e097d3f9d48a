import { beforeEach, describe, expect, it } from 'vitest';
import { makeThread } from '../../shared/test-fixtures';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { buildCommands, goToNextNeedingMe } from './commands';

const initialThreads = useThreadsStore.getState();
const initialUi = useUiStore.getState();

const threads = [
  makeThread({ id: 'a', name: 'Alpha', status: 'working', createdAt: '2026-01-01T00:00:01.000Z' }),
  makeThread({ id: 'b', name: 'Bravo', status: 'done', createdAt: '2026-01-01T00:00:02.000Z' }),
  makeThread({ id: 'c', name: 'Charlie', status: 'needs-input', createdAt: '2026-01-01T00:00:03.000Z' }),
  makeThread({ id: 'x', projectId: 'p2', name: 'Elsewhere', status: 'needs-input' }),
];

const byId = (id: string) => buildCommands().find((command) => command.id === id)!;

beforeEach(() => {
  useThreadsStore.setState({
    ...initialThreads,
    byId: Object.fromEntries(threads.map((t) => [t.id, t])),
    selectedId: null,
    listFilter: 'all',
    listSort: 'attention',
  });
  useProjectsStore.setState({ projects: [], selectedId: 'p1' });
  useUiStore.setState({ ...initialUi, dialog: null, overlay: null, mainView: 'thread' });
});

describe('buildCommands', () => {
  it('lists the selected project’s threads in sidebar order, the first nine with mod+n', () => {
    const threadCommands = buildCommands().filter((command) => command.group === 'thread');
    expect(threadCommands.map((command) => command.title)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(threadCommands.map((command) => command.shortcut?.key)).toEqual(['1', '2', '3']);
    threadCommands[1]!.run();
    expect(useThreadsStore.getState().selectedId).toBe('a');
  });

  it('follows the sidebar filter', () => {
    useThreadsStore.getState().setListFilter('done');
    const threadCommands = buildCommands().filter((command) => command.group === 'thread');
    expect(threadCommands.map((command) => command.title)).toEqual(['Bravo']);
  });

  it('enables thread actions only for a selected thread, and stop/resume by its state', () => {
    expect(byId('thread.stop').enabled).toBe(false);
    expect(byId('thread.remove').enabled).toBe(false);
    useThreadsStore.getState().select('a');
    expect(byId('thread.stop').enabled).toBe(true);
    expect(byId('thread.resume').enabled).toBe(false);
    expect(byId('thread.stop').title).toContain('Alpha');
    useThreadsStore.getState().select('b');
    expect(byId('thread.stop').enabled).toBe(false);
    expect(byId('thread.resume').enabled).toBe(true);
  });

  it('offers Ask for a review (a reviewer agent) for the selected thread only', () => {
    expect(byId('review.ask-reviewer').enabled).toBe(false);
    useThreadsStore.getState().select('b');
    expect(byId('review.ask-reviewer').enabled).toBe(true);
    expect(byId('review.ask-reviewer').title).toBe('Ask for a review (reviewer agent) — Bravo');
  });

  it('needs a project for a new thread and the merge queue', () => {
    expect(byId('thread.new').enabled).toBe(true);
    useProjectsStore.setState({ selectedId: null });
    expect(byId('thread.new').enabled).toBe(false);
    expect(byId('merge-queue.open').enabled).toBe(false);
    expect(byId('settings.open').enabled).toBe(true);
  });

  it('opens dialogs and views through the UI store', () => {
    byId('thread.new').run();
    expect(useUiStore.getState().dialog).toEqual({ kind: 'new-thread' });
    byId('merge-queue.open').run();
    expect(useUiStore.getState().mainView).toBe('merge-queue');
    byId('shortcuts.show').run();
    expect(useUiStore.getState().overlay).toBe('shortcuts');
  });
});

describe('goToNextNeedingMe', () => {
  it('goes to a waiting thread of the project, showing the thread view', () => {
    useUiStore.setState({ mainView: 'merge-queue' });
    expect(goToNextNeedingMe()).toBe(true);
    expect(useThreadsStore.getState().selectedId).toBe('c');
    expect(useUiStore.getState().mainView).toBe('thread');
    expect(goToNextNeedingMe()).toBe(false);
  });

  it('clears a sidebar filter that hides the thread it goes to', () => {
    useThreadsStore.getState().setListFilter('done');
    expect(goToNextNeedingMe()).toBe(true);
    expect(useThreadsStore.getState().selectedId).toBe('c');
    expect(useThreadsStore.getState().listFilter).toBe('all');
  });
});
