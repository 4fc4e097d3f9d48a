/**
 * The follow-up queue lives in the agent host with the agent: it survives the app going away and
 * coming back, and is delivered in order while no window is open.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FollowUp } from '../../shared/follow-ups';
import type { Thread } from '../../shared/models';
import { type SwitchyardApp } from '../app/switchyard-app';
import { agentHostAppsPerTest, bundledAgentHostDir, dispatchOrThrow } from '../test-support/agent-host-app';
import { waitFor } from '../test-support/temp-repo';
import { recordingClient } from '../test-support/test-app';

const distDir = bundledAgentHostDir('follow-ups-host-test', { demoAgent: true });

const window = recordingClient();

const each = agentHostAppsPerTest(distDir);
const { openApp } = each;

const call = <T>(app: SwitchyardApp, channel: string, payload: unknown) =>
  dispatchOrThrow<T>(app, window, channel, payload);

describe('the follow-up queue in the agent host', () => {
  it('survives an app restart, then delivers in order with no window open, nothing typed into the question', async () => {
    let app = await openApp();
    const project = await call<{ id: string }>(app, 'projects.open', { path: each.repo });
    const thread = await call<Thread>(app, 'threads.create', {
      projectId: project.id,
      name: 'Login first',
      profileId: 'demo',
      scenario: 'login-first',
      prompt: 'start',
    });
    await waitFor(() => app.state.thread(thread.id).status === 'needs-input', 'the sign-in question', 15_000);
    await call(app, 'threads.followUps.add', { threadId: thread.id, text: 'first follow-up' });
    const queued = await call<FollowUp[]>(app, 'threads.followUps.add', {
      threadId: thread.id,
      text: 'second\nfollow-up',
    });
    expect(queued.map((item) => item.text)).toEqual(['first follow-up', 'second\nfollow-up']);

    await app.shutdownKeepingAgents();
    app = await openApp();
    const kept = await call<FollowUp[]>(app, 'threads.followUps.list', { threadId: thread.id });
    expect(kept.map((item) => item.text)).toEqual(['first follow-up', 'second\nfollow-up']);
    expect(app.state.thread(thread.id).status).toBe('needs-input');
    const inbox = path.join(thread.worktreePath, '.demo-inbox.jsonl');
    await expect(readFile(inbox, 'utf8')).rejects.toThrow();

    // Answered, then the app goes away again: delivery needs no window.
    await call(app, 'terminal.input', { threadId: thread.id, data: 'y\r' });
    await app.shutdownKeepingAgents();
    const received = async () =>
      (await readFile(inbox, 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { message: string }).message);
    await waitFor(async () => (await received()).length >= 2, 'both follow-ups', 40_000);
    expect(await received()).toEqual(['first follow-up', 'second\nfollow-up']);
    app = await openApp();
    expect(await call<FollowUp[]>(app, 'threads.followUps.list', { threadId: thread.id })).toEqual([]);
  }, 90_000);

  it('edits, cancels and sends now through the contract; refuses to queue for an agent that is not running', async () => {
    const app = await openApp();
    const project = await call<{ id: string }>(app, 'projects.open', { path: each.repo });
    const thread = await call<Thread>(app, 'threads.create', {
      projectId: project.id,
      name: 'Trust first',
      profileId: 'demo',
      scenario: 'trust-first',
      prompt: 'start',
    });
    await waitFor(() => app.state.thread(thread.id).status === 'needs-input', 'the trust question', 15_000);
    const [a] = await call<FollowUp[]>(app, 'threads.followUps.add', { threadId: thread.id, text: 'a' });
    const [, b] = await call<FollowUp[]>(app, 'threads.followUps.add', { threadId: thread.id, text: 'b' });
    const edited = await call<FollowUp[]>(app, 'threads.followUps.edit', { threadId: thread.id, id: a!.id, text: 'y' });
    expect(edited.map((item) => item.text)).toEqual(['y', 'b']);
    expect(
      (await call<FollowUp[]>(app, 'threads.followUps.remove', { threadId: thread.id, id: b!.id })).map((i) => i.text),
    ).toEqual(['y']);
    // "Send now" types it whatever is on screen: here it answers the question.
    expect(await call<FollowUp[]>(app, 'threads.followUps.sendNow', { threadId: thread.id, id: a!.id })).toEqual([]);
    await waitFor(() => app.state.thread(thread.id).status !== 'needs-input', 'the question answered', 15_000);
    const gone = await app.dispatch('threads.followUps.remove', { threadId: thread.id, id: a!.id }, window);
    expect(gone.ok ? '' : gone.error.message).toMatch(/no longer waiting/);
    await call(app, 'threads.stop', { threadId: thread.id });
    const refused = await app.dispatch('threads.followUps.add', { threadId: thread.id, text: 'late' }, window);
    expect(refused.ok ? '' : refused.error.message).toMatch(/not running.*Resume it/);
  }, 60_000);
});
