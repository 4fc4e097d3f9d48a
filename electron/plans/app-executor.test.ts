import { describe, expect, it } from 'vitest';
import type { DomainEventName, DomainEventOf, DomainEvents } from '../../shared/domain-events';
import type { Thread, ThreadStatus } from '../../shared/models';
import { AppTaskExecutor } from './app-executor';
import type { ResolvedTask } from './resolve-plan';
import type { TaskAgentEvents } from './task-executor';

/** The bus as a service sees it, in memory: what the thread service would announce. */
function memoryEvents(): DomainEvents {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    emit<E extends DomainEventName>(event: E, payload: DomainEventOf<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    on<E extends DomainEventName>(event: E, listener: (payload: DomainEventOf<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}

const task = (takesCommand: boolean, planFirst = false) =>
  ({
    name: 'a',
    branch: 'switchyard/a',
    brief: { task: 'A' },
    agent: { profile: takesCommand ? 'custom' : 'demo', ...(planFirst ? { planFirst } : {}) },
    profile: { id: takesCommand ? 'custom' : 'demo', takesCommand, approvalModes: [{ id: 'default' }] },
    launch: { mode: 'interactive' },
    argv: ['agent'],
  }) as unknown as ResolvedTask;

/** Starts one task on a thread whose status the test moves, recording what the runner is told. */
async function started(resolved: ResolvedTask) {
  const events = memoryEvents();
  const told: string[] = [];
  const stopped: string[] = [];
  let thread = { id: 't_1', status: 'starting', statusReason: null, exitCode: null } as unknown as Thread;
  const executor = new AppTaskExecutor({
    threads: {
      create: async () => thread,
      stop: async (id: string) => {
        stopped.push(id);
        return thread;
      },
      sendMessage: (_id: string, text: string) => void told.push(`message:${text}`),
    },
    events,
    projectId: 'p',
    target: 'main',
    typeKeys: (_id, data) => (told.push(`keys:${JSON.stringify(data)}`), true),
    onChange: (_task, change) => change.gate !== undefined && told.push(`gate:${change.gate}`),
    activityEveryMs: 60_000,
  });
  const runnerEvents: TaskAgentEvents = {
    activity: () => told.push('activity'),
    idle: () => told.push('idle'),
    needsInput: () => told.push('needs-input'),
    finished: (code) => told.push(`finished:${code}`),
    hold: (held) => told.push(`hold:${held}`),
  };
  const handle = await executor.start(resolved, '/unused', runnerEvents, 'abc');
  const move = (status: ThreadStatus) => {
    thread = { ...thread, status };
    events.emit('thread.updated', thread);
  };
  return { told, stopped, handle, move, executor };
}

describe('AppTaskExecutor follows its thread', () => {
  it('holds the timeout while queued, ends a turn only after work, and leaves an idle agent running', async () => {
    const { told, stopped, handle, move } = await started(task(false));
    told.length = 0;
    move('queued');
    move('idle'); // ready before it worked: the prompt is not taken yet
    move('working');
    move('idle');
    expect(told).toEqual(['hold:true', 'hold:false', 'activity', 'idle']);
    await handle.stop();
    expect(stopped).toEqual([]);
  });

  it('lets a custom command go quiet without ending it; its exit ends it, and a stop before that stops it', async () => {
    const { told, stopped, handle, move } = await started(task(true));
    told.length = 0;
    move('working');
    move('idle');
    expect(told).toEqual(['activity']);
    await handle.stop();
    expect(stopped).toEqual(['t_1']);
  });

  it('holds a plan-first task at its plan, and the approval sends the words the guide names', async () => {
    const { told, move, executor } = await started(task(false, true));
    expect(told).toContain('gate:planning');
    told.length = 0;
    move('working');
    move('idle');
    expect(told).toEqual(['activity', 'hold:true', 'gate:plan-ready']);
    expect(executor.decide('a', 'request-changes', '  ')).toMatch(/what to change/);
    told.length = 0;
    expect(executor.decide('a', 'approve', undefined)).toBeNull();
    expect(told).toEqual(['message:Plan approved: implement it.', 'hold:false', 'gate:approved']);
    told.length = 0;
    move('working');
    move('done');
    expect(told).toEqual(['activity', 'finished:0']);
  });
});

describe('AppTaskExecutor with a task of several attempts', () => {
  it('keeps each attempt on its own thread, and Approve on the task approves every attempt whose plan is ready', async () => {
    const events = memoryEvents();
    const messages: string[] = [];
    const made: string[] = [];
    const executor = new AppTaskExecutor({
      threads: {
        create: async (request: { name: string }) => {
          made.push(request.name);
          return {
            id: `t_${made.length}`,
            status: 'starting',
            statusReason: null,
            exitCode: null,
          } as unknown as Thread;
        },
        stop: async () => undefined as unknown as Thread,
        sendMessage: (id: string, text: string) => void messages.push(`${id}:${text}`),
      },
      events,
      projectId: 'p',
      target: 'main',
      typeKeys: () => true,
      onChange: () => undefined,
      activityEveryMs: 60_000,
    });
    const quiet: TaskAgentEvents = {
      activity: () => undefined,
      idle: () => undefined,
      needsInput: () => undefined,
      finished: () => undefined,
      hold: () => undefined,
    };
    const attempt = (k: number) =>
      ({ ...task(false, true), attempt: k, branch: `switchyard/a/attempt-${k}` }) as ResolvedTask;
    await executor.start(attempt(1), '/unused', quiet, 'abc');
    await executor.start(attempt(2), '/unused', quiet, 'abc');
    expect(made).toEqual(['a · attempt 1', 'a · attempt 2']);
    expect([executor.threadOf(attempt(1)), executor.threadOf(attempt(2))]).toEqual(['t_1', 't_2']);
    const move = (id: string, status: ThreadStatus) =>
      events.emit('thread.updated', { id, status, statusReason: null, exitCode: null } as unknown as Thread);
    move('t_1', 'working');
    move('t_1', 'idle');
    // Only attempt 1's plan is ready: Approve reaches it alone.
    expect(executor.decide('a', 'approve', undefined)).toBeNull();
    expect(messages).toEqual(['t_1:Plan approved: implement it.']);
    move('t_2', 'working');
    move('t_2', 'idle');
    expect(executor.decide('a', 'approve', undefined)).toBeNull();
    expect(messages).toEqual(['t_1:Plan approved: implement it.', 't_2:Plan approved: implement it.']);
    expect(executor.decide('a', 'approve', undefined)).toMatch(/already approved/);
  });
});
