/**
 * A process that watches flooding threads like windows that keep up: attached to each, every chunk
 * acknowledged on arrival. Its own process, so parsing that much JSON does not delay the
 * benchmark's probe. Usage (forked, with IPC): flood-watcher-main <port> <token> <thread id>…
 */
import { WireClient } from './wire-client';

async function main(): Promise<void> {
  const [port, token, ...threadIds] = process.argv.slice(2);
  if (!port || !token || threadIds.length === 0) throw new Error('usage: flood-watcher <port> <token> <thread id>…');
  const client = await WireClient.connect(Number(port), token);
  await client.watchAndAck(threadIds);
  process.send?.('watching');
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`[flood-watcher] ${String(error)}\n`);
  process.exit(1);
});
