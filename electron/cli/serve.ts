import path from 'node:path';
import { defaultDataDir, distDir } from '../app/app-paths';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { startBrowserHost, type BrowserHost } from '../host/browser-host';
import { assertGitSupported } from '../git/version';
import { parseArgs } from 'node:util';
import { UsageError, withUsageErrors } from './args';
import { version } from '../app/version';

export const serveHelp = `Usage: switchyard serve [--repo PATH] [--port N] [--host ADDRESS] [--data-dir PATH] [--demo]

Serves the Switchyard dashboard to a browser: the same app as the desktop window.

  --repo PATH      open this git repository as a project at start
  --port N         port to listen on (default: a free port)
  --host ADDRESS   address to bind (default 127.0.0.1; anything else exposes the dashboard
                   to your network, still behind the token)
  --data-dir PATH  where Switchyard keeps its state (default: ${defaultDataDir()})
  --demo           create the sample repository with scripted demo threads at start

The dashboard URL, with its access token, is printed on a line of its own.`;

export interface ServeOptions {
  readonly repo?: string | undefined;
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly demo?: boolean | undefined;
}

export interface RunningServer {
  readonly app: SwitchyardApp;
  readonly host: BrowserHost;
  stop(): Promise<void>;
}

export function parseServeArgs(argv: string[]): ServeOptions {
  const { values } = withUsageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        repo: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean' },
      },
    }),
  );
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  return { repo: values.repo, port, host: values.host, dataDir: values['data-dir'], demo: values.demo };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  await assertGitSupported();
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const app = await createSwitchyardApp({
    dataDir,
    distDir: distDir(),
    host: { kind: 'browser' },
    version,
  });
  if (options.repo) await app.projects.open(options.repo);
  if (options.demo) await app.dispatch('demo.start', {});
  const host = await startBrowserHost({
    app,
    rendererDir: path.join(distDir(), 'renderer'),
    host: options.host,
    port: options.port,
  });
  return {
    app,
    host,
    stop: async () => {
      await host.close();
      await app.shutdown();
    },
  };
}

/** Runs until Ctrl-C; agents are stopped on the way out so none is left orphaned. */
export async function serveUntilInterrupted(options: ServeOptions, intro?: string): Promise<void> {
  const server = await startServer(options);
  if (intro) console.log(intro);
  if (options.host && options.host !== '127.0.0.1' && options.host !== 'localhost') {
    console.log(
      `Warning: listening on ${options.host}; anyone who can reach it and has the token controls your agents.`,
    );
  }
  console.log('Switchyard dashboard (open this URL; it carries the access token):');
  console.log(server.host.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
