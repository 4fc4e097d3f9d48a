import { beforeEach, describe, expect, it } from 'vitest';
import { notify, settleNotices, useNoticesStore } from './notices-store';

beforeEach(() => useNoticesStore.setState({ notices: [] }));

describe('notices of an action', () => {
  it('an error toast goes once the same action succeeds; other toasts stay', () => {
    notify({ tone: 'error', title: 'Could not resume the agent', action: 'threads.resume:t1' });
    notify({ tone: 'error', title: 'Could not resume the agent', action: 'threads.resume:t2' });
    notify({ tone: 'error', title: 'Switchyard recovered its saved state' });
    settleNotices('threads.resume:t1');
    expect(useNoticesStore.getState().notices.map((n) => n.action ?? n.title)).toEqual([
      'threads.resume:t2',
      'Switchyard recovered its saved state',
    ]);
  });

  it('a repeated failure replaces its toast instead of stacking another', () => {
    notify({ tone: 'error', title: 'Could not stop the agent', message: 'first', action: 'threads.stop:t1' });
    notify({ tone: 'error', title: 'Could not stop the agent', message: 'second', action: 'threads.stop:t1' });
    expect(useNoticesStore.getState().notices.map((n) => n.message)).toEqual(['second']);
  });
});
