/**
 * A thread's `statusSince` is the moment its status last changed, as the agent host saw it: set on
 * every change, kept while the status stays, and still the real moment after the app went away
 * and came back (the agent changing status, or ending, while no app was running).
 */
import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import { type SwitchyardApp } from '../app/switchyard-app';
import { agentHostAppsPerTest, bundledAgentHostDir, dispatchOrThrow } from '../test-support/agent-host-app';
import { waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';
import type { LiveAgent } from '../threads/thread-runtime';
import { AgentHostClient } from './agent-host-client';
import { agentHostPaths } from './protocol';

const distDir = bundledAgentHostDir('status-since-host-test', { demoAgent: true });

const window = recordingClient();
const each = agentHostAppsPerTest(distDir, { shutDownHosts: true });
const { openApp } = each;

const call = <T>(app: SwitchyardApp, channel: string, payload: unknown) =>
  dispatchOrThrow<T>(app, window, channel, payload);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

/** Every version of the thread an app put out, in order. */
function recordUpdates(app: SwitchyardApp, threadId: () => string): Thread[] {
  const seen: Thread[] = [];
  app.events.subscribe((event, payload) => {
    if (event === 'thread.updated' && (payload as Thread).id === threadId()) seen.push(payload as Thread);
  });
  return seen;
}

/** Each update either changed the status (a new, later moment) or kept it (the same moment). */
function expectStampedOnChangeOnly(updates: readonly Thread[]): void {
  for (let i = 1; i < updates.length; i++) {
    const [before, after] = [updates[i - 1]!, updates[i]!];
    if (after.status === before.status) expect(after.statusSince, `${after.status} again`).toBe(before.statusSince);
    else
      expect(ms(after.statusSince), `${before.status} → ${after.status}`).toBeGreaterThanOrEqual(
        ms(before.statusSince),
      );
  }
}

function hostView(): Promise<AgentHostClient> {
  return waitFor(
    () =>
      AgentHostClient.connect(agentHostPaths(each.dataDir), {
        onEvent: () => undefined,
        onData: () => undefined,
        onClose: () => undefined,
      }),
    'the agent host to answer',
  );
}

describe("a thread's statusSince", () => {
  it('is set when the status changes, kept while it stays, and is the real moment after a restart with the agent host kept', async () => {
    let app = await openApp();
    let threadId = '';
    const updates = recordUpdates(app, () => threadId);
    const project = await call<{ id: string }>(app, 'projects.open', { path: each.repo });
    const created = await call<Thread>(app, 'threads.create', {
      projectId: project.id,
      name: 'Login first',
      profileId: 'demo',
      scenario: 'login-first',
      prompt: 'notes',
    });
    threadId = created.id;
    expect(ms(created.statusSince)).toBeGreaterThanOrEqual(ms(created.createdAt));

    // The demo agent asks to sign in: needs-input from the moment it asked.
    const asking = await waitFor(
      () => (app.state.thread(threadId).status === 'needs-input' ? app.state.thread(threadId) : null),
      'the sign-in question',
      20_000,
    );
    expect(ms(asking.statusSince)).toBeGreaterThan(ms(created.statusSince));
    expect(ms(asking.statusSince)).toBeLessThanOrEqual(Date.now());

    // A write that leaves the status alone keeps the moment.
    await sleep(1_100);
    const reviewed = await app.threads.recordReview(threadId, asking.review, false);
    expect(reviewed.statusSince).toBe(asking.statusSince);
    expectStampedOnChangeOnly(updates);

    // The app goes away and comes back: the adopted agent still asks, since the same moment (not since the restart).
    await app.shutdownKeepingAgents();
    await sleep(1_100);
    app = await openApp();
    expect(app.state.thread(threadId)).toMatchObject({ status: 'needs-input', statusSince: asking.statusSince });

    // With no app running, the question is answered (through the host): the agent signs in, then waits at its box.
    await app.shutdownKeepingAgents();
    const view = await hostView();
    const inHost = async () => {
      const { live } = await view.request<{ live: LiveAgent[] }>('adopt');
      return live.find((a) => a.threadId === threadId) ?? null;
    };
    view.note('write', { threadId, data: 'y\r' });
    const idle = await waitFor(
      async () => ((await inHost())?.status === 'idle' ? inHost() : null),
      'the agent idle at its box, with no app running',
      20_000,
    );
    await sleep(1_500);
    let reopenedAt = Date.now();
    app = await openApp();
    const adopted = app.state.thread(threadId);
    // When it went idle, as the host saw it: after the question, well before this app started.
    expect(adopted).toMatchObject({ status: 'idle', statusSince: idle.statusSince });
    expect(ms(adopted.statusSince)).toBeGreaterThan(ms(asking.statusSince));
    expect(ms(adopted.statusSince)).toBeLessThan(reopenedAt - 1_000);

    // Told to finish with no app running: the agent exits; the next app records when it ended, not when it learnt of it.
    await app.shutdownKeepingAgents();
    view.note('write', { threadId, data: '/done\r' });
    await waitFor(async () => (await inHost()) === null, 'the agent to finish with no app running', 20_000);
    const endedBy = Date.now();
    view.close();
    await sleep(1_500);
    reopenedAt = Date.now();
    app = await openApp();
    const finished = app.state.thread(threadId);
    expect(finished.status).toBe('done');
    expect(ms(finished.statusSince)).toBeGreaterThan(ms(adopted.statusSince));
    expect(ms(finished.statusSince)).toBeLessThanOrEqual(endedBy);
    expect(ms(finished.statusSince)).toBeLessThan(reopenedAt - 1_000);
  }, 120_000);
});
