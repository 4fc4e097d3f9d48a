/**
 * The host process of a benchmark: the app and its browser host, in-process and nothing else, so
 * the RSS and CPU measured for this process are the host's alone (Playwright and the benchmark's
 * own clients live in the parent). Driven over Node IPC; see host-protocol.ts.
 */
import path from 'node:path';
import { createSwitchyardApp } from '../../electron/app/switchyard-app';
import { startBrowserHost } from '../../electron/host/browser-host';
import { DeliveryMeter } from './delivery-meter';
import type { HostCommand, HostReady, HostReply, HostRequest } from './host-protocol';

async function main(): Promise<void> {
  const [dataDir, repoRoot] = process.argv.slice(2);
  if (!dataDir || !repoRoot) throw new Error('usage: bench-host <data dir> <repository root>');
  const distDir = path.join(repoRoot, 'dist');
  const log = (message: string) => process.stderr.write(`[host] ${message}\n`);
  const app = await createSwitchyardApp({ dataDir, distDir, host: { kind: 'browser' }, version: '0.0.0-bench', log });
  const meter = new DeliveryMeter();
  const host = await startBrowserHost({
    app: { ...app, dispatch: meter.wrap(app.dispatch) },
    rendererDir: path.join(distDir, 'renderer'),
  });

  const run = async (command: HostCommand): Promise<unknown> => {
    switch (command.kind) {
      case 'dispatch':
        return app.dispatch(command.channel, command.payload);
      case 'deliver': {
        const delivered = meter.expect(command.threadId, command.marker);
        const typed = await app.dispatch('terminal.input', { threadId: command.threadId, data: command.input });
        if (!typed.ok) throw new Error(typed.error.message);
        return delivered;
      }
      case 'gc':
        globalThis.gc?.();
        return process.memoryUsage();
      case 'memory':
        return process.memoryUsage();
      case 'shutdown':
        await host.close();
        await app.shutdown();
        setImmediate(() => process.exit(0));
        return null;
    }
  };

  process.on('message', (message: HostRequest) => {
    run(message.command).then(
      (value) => reply({ id: message.id, ok: true, value }),
      (error: unknown) => reply({ id: message.id, ok: false, error: String(error) }),
    );
  });
  // The benchmark went away without saying goodbye: take the agents down with us.
  process.on('disconnect', () => void app.shutdown().then(() => process.exit(0)));
  const ready: HostReady = { ready: true, url: host.url, port: host.port, token: host.token };
  process.send?.(ready);
}

function reply(message: HostReply): void {
  process.send?.(message);
}

main().catch((error: unknown) => {
  process.stderr.write(`[host] ${String(error)}\n`);
  process.exit(1);
});
