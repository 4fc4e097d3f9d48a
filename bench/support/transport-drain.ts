import type { HostHandle } from '../host/host-handle';
import { WireClient } from './wire-client';

/**
 * The pipeline up to the browser's door: pty → batching → flow control → WebSocket, read by a
 * client that acknowledges each chunk as it arrives and draws nothing. What Switchyard's own
 * parts cost, apart from xterm's parsing and drawing.
 */
export async function drainThroughTransport(
  host: HostHandle,
  projectId: string,
  command: readonly string[],
  marker: string,
): Promise<{ chars: number; ms: number }> {
  const thread = await host.createThread(projectId, 'Flood to a bare client', command);
  const client = await WireClient.connect(host.ready.port, host.ready.token);
  let chars = 0;
  let tail = '';
  const arrived = new Promise<number>((resolve) => {
    client.onData((threadId, data) => {
      if (threadId !== thread.id) return;
      chars += data.length;
      tail = (tail + data).slice(-256);
      if (tail.includes(marker)) resolve(performance.now());
    });
  });
  await client.watchAndAck([thread.id]);
  chars = 0;
  const started = performance.now();
  await client.call('terminal.input', { threadId: thread.id, data: '\r' });
  const ended = await arrived;
  await host.call('threads.stop', { threadId: thread.id });
  client.close();
  return { chars, ms: ended - started };
}
