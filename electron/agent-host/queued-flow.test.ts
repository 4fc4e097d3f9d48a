import { describe, expect, it } from 'vitest';
import { flowControl } from '../../shared/flow-control';
import type { Thread } from '../../shared/models';
import type { ClientLink } from '../api/client-link';
import { agentHostAppsPerTest, bundledAgentHostDir, dispatchOrThrow } from '../test-support/agent-host-app';
import { waitFor } from '../test-support/temp-repo';

const distDir = bundledAgentHostDir('queued-flow-test');
const each = agentHostAppsPerTest(distDir);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a window's connection in the app, seen by the agent host", () => {
  it('holds the agent while the connection holds unsent bytes, and lets it go on once drained', async () => {
    const app = await each.openApp();
    // A window acknowledging at once, whose connection (a WebSocket's bufferedAmount) holds `held` bytes.
    let held = 0;
    let received = 0;
    const window: ClientLink & { queuedBytes(): number } = {
      id: 'window-with-a-connection',
      send: (event, payload) => {
        if (event !== 'terminal.data') return;
        const { threadId, data } = payload as { threadId: string; data: string };
        received += data.length;
        void app.dispatch('terminal.ack', { threadId, chars: data.length }, window);
      },
      queuedBytes: () => held,
    };
    const call = <T>(channel: string, payload: unknown) => dispatchOrThrow<T>(app, window, channel, payload);
    const project = await call<{ id: string }>('projects.open', { path: each.repo });
    const lines = 400_000;
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Flood',
      profileId: 'custom',
      command: ['/bin/sh', '-c', `read go; seq 1 ${lines}; echo END; read done`],
    });
    await call('terminal.attach', { threadId: thread.id });
    // The connection is stuck from the first output on.
    held = flowControl.highWatermark * 2;
    await call('terminal.input', { threadId: thread.id, data: '\r' });
    await waitFor(() => received > 0, 'the first output');
    await sleep(500);
    const whileHeld = received;
    await sleep(700);
    // Held: at most what was in flight when the host heard of the connection.
    expect(received - whileHeld).toBe(0);
    expect(whileHeld).toBeLessThan(lines * 6);

    held = 0;
    const total = Array.from({ length: lines }, (_, i) => `${i + 1}\r\n`).join('').length;
    await waitFor(() => received >= total, 'the rest of the output once the connection drained', 30_000);
  }, 60_000);
});
