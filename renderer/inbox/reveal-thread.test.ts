import { beforeEach, describe, expect, it } from 'vitest';
import { makeThread } from '../../shared/test-fixtures';
import { useProjectsStore } from '../state/projects-store';
import { useThreadsStore } from '../state/threads-store';
import { useUiStore } from '../state/ui-store';
import { revealThread } from './reveal-thread';

const initialThreads = useThreadsStore.getState();
const initialUi = useUiStore.getState();

beforeEach(() => {
  const threads = [
    makeThread({ id: 'here', projectId: 'p1', status: 'working' }),
    makeThread({ id: 'there', projectId: 'p2', status: 'failed' }),
  ];
  useThreadsStore.setState({
    ...initialThreads,
    byId: Object.fromEntries(threads.map((t) => [t.id, t])),
    selectedId: 'here',
    listFilter: 'needs-input',
  });
  useProjectsStore.setState({ projects: [], selectedId: 'p1' });
  useUiStore.setState({ ...initialUi, mainView: 'merge-queue' });
});

describe('revealThread', () => {
  it('switches project, shows the thread (not the merge queue) and widens a filter that hid it', () => {
    expect(revealThread('there')).toBe(true);
    expect(useProjectsStore.getState().selectedId).toBe('p2');
    expect(useThreadsStore.getState()).toMatchObject({ selectedId: 'there', listFilter: 'all' });
    expect(useThreadsStore.getState().lastSelectedByProject.p2).toBe('there');
    expect(useUiStore.getState().mainView).toBe('thread');
  });

  it('does nothing for a thread that is gone', () => {
    expect(revealThread('gone')).toBe(false);
    expect(useProjectsStore.getState().selectedId).toBe('p1');
    expect(useUiStore.getState().mainView).toBe('merge-queue');
  });
});
