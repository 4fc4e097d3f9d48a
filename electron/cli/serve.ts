import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultDataDir, distDir } from '../app/app-paths';
import { describeQuit, type QuitChoice, type QuitReport } from '../app/agent-lifetime';
import { acquireInstanceLock, type InstanceLock } from '../app/instance-lock';
import { createSwitchyardApp, type SwitchyardApp } from '../app/switchyard-app';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../host/browser-host';
import { createToken } from '../host/security';
import { assertGitSupported } from '../git/version';
import { parseArgs } from 'node:util';
import { UsageError, withUsageErrors } from './args';
import { readServeAddress, writeServeAddress } from './serve-address';
import { version } from '../app/version';

export const serveHelp = `Usage: switchyard serve [--repo PATH] [--port N] [--host ADDRESS] [--data-dir PATH] [--new-token] [--demo]

Serves the Switchyard dashboard to a browser: the same app as the desktop window.

  --repo PATH      open this git repository as a project at start
  --port N         port to listen on (default: the one used last time with this data folder, else a free one)
  --host ADDRESS   address to bind (default 127.0.0.1; anything else exposes the dashboard
                   to your network, still behind the token)
  --data-dir PATH  where Switchyard keeps its state (default: ${defaultDataDir()})
  --new-token      make a new access token (the old address stops working); otherwise the
                   token is kept between runs, so an open tab reconnects by itself
  --demo           create the sample repository with scripted demo threads at start

The dashboard URL, with its access token, is printed on a line of its own. One Switchyard runs
per data folder; a second one says where the first is and exits. Ctrl-C keeps or stops the
agents as Settings → "When Switchyard quits" says (keep, unless it says stop).`;

export interface ServeOptions {
  readonly repo?: string | undefined;
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly demo?: boolean | undefined;
  readonly newToken?: boolean | undefined;
}

export interface RunningServer {
  readonly app: SwitchyardApp;
  readonly host: BrowserHost;
  /** What the user should know about this start (a port that moved, a new token). */
  readonly notes: readonly string[];
  /** Last resort for an exit that skips stop(): removes the data folder's lock. */
  releaseLockSync(): void;
  /** Keeps or stops the agents (`choice`; without one they stop), closes everything, frees the data folder. */
  stop(choice?: QuitChoice): Promise<QuitReport | null>;
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
        'new-token': { type: 'boolean' },
      },
    }),
  );
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  return {
    repo: values.repo,
    port,
    host: values.host,
    dataDir: values['data-dir'],
    demo: values.demo,
    newToken: values['new-token'],
  };
}

/** The address as it is safe to show anywhere: without the token. */
export function urlWithoutToken(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  return parsed.toString();
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  await assertGitSupported();
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  await mkdir(dataDir, { recursive: true });
  // Before anything reads or writes the state: a second instance changes nothing.
  const lock = await acquireInstanceLock(dataDir);
  let app: SwitchyardApp | null = null;
  try {
    app = await createSwitchyardApp({ dataDir, distDir: distDir(), host: { kind: 'browser' }, version });
    if (options.repo) await app.projects.open(options.repo);
    if (options.demo) await app.dispatch('demo.start', {});
    const { host, notes } = await listen(app, dataDir, options);
    await writeServeAddress(dataDir, { port: host.port, token: host.token });
    await lock.setUrl(urlWithoutToken(host.url));
    return running(app, host, notes, lock);
  } catch (error) {
    await app?.shutdown().catch(() => undefined);
    await lock.release();
    throw error;
  }
}

/**
 * Listens where the last run on this data folder did, with its token, so an open tab reconnects by
 * itself. An explicit --port wins; a port taken meanwhile moves to a free one, and says so.
 */
async function listen(
  app: SwitchyardApp,
  dataDir: string,
  options: ServeOptions,
): Promise<{ host: BrowserHost; notes: string[] }> {
  const saved = await readServeAddress(dataDir);
  const notes: string[] = [];
  const token = options.newToken || !saved ? createToken() : saved.token;
  if (options.newToken && saved) notes.push('A new access token was made: addresses printed before no longer work.');
  const base: BrowserHostOptions = {
    app,
    rendererDir: path.join(distDir(), 'renderer'),
    host: options.host,
    token,
  };
  if (options.port !== undefined || !saved)
    return { host: await startBrowserHost({ ...base, port: options.port }), notes };
  try {
    return { host: await startBrowserHost({ ...base, port: saved.port }), notes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    const host = await startBrowserHost({ ...base, port: 0 });
    notes.push(
      `Port ${saved.port}, used last time, is taken; serving on port ${host.port} instead. ` +
        'Tabs open on the old address cannot reconnect: open the address below.',
    );
    return { host, notes };
  }
}

function running(app: SwitchyardApp, host: BrowserHost, notes: string[], lock: InstanceLock): RunningServer {
  return {
    app,
    host,
    notes,
    releaseLockSync: () => lock.releaseSync(),
    stop: async (choice) => {
      const report = choice ? await app.endAgents(choice) : null;
      await host.close();
      await (choice === 'keep' ? app.shutdownKeepingAgents() : app.shutdown());
      await lock.release();
      return report;
    },
  };
}

/** Runs until Ctrl-C; the agents are then kept or stopped as Settings → "When Switchyard quits" says. */
export async function serveUntilInterrupted(options: ServeOptions, intro?: string): Promise<void> {
  const server = await startServer(options);
  process.on('exit', () => server.releaseLockSync());
  if (intro) console.log(intro);
  if (options.host && options.host !== '127.0.0.1' && options.host !== 'localhost') {
    console.log(
      `Warning: listening on ${options.host}; anyone who can reach it and has the token controls your agents.`,
    );
  }
  for (const note of server.notes) console.log(note);
  console.log('Switchyard dashboard (open this URL; it carries the access token):');
  console.log(server.host.url);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // No one to ask in a terminal: "ask" keeps them, the default answer of the desktop dialog.
    const choice: QuitChoice = server.app.settings.get().agentsOnQuit === 'stop' ? 'stop' : 'keep';
    void server
      .stop(choice)
      .then((report) => {
        if (report) console.log(describeQuit(report));
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
