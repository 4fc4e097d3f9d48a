import { StateRepository } from '../store/state-repository';
import { flowControl } from '../../shared/flow-control';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import type { ClientLink } from '../api/client-link';
import type { SwitchyardApp } from '../app/switchyard-app';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp, recordingClient, terminalText } from '../test-support/test-app';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let app: SwitchyardApp;
let repo: string;
let dataDir: string;
let projectId: string;

beforeEach(async () => {
  temp = await makeTempDir();
  repo = await makeRepo(temp.dir);
  dataDir = path.join(temp.dir, 'data');
  ({ app } = await makeTestApp(dataDir));
  projectId = (await call<{ id: string }>('projects.open', { path: repo })).id;
});

afterEach(async () => {
  await app.shutdown();
  await temp.cleanup();
});

async function call<T = unknown>(channel: string, payload: unknown, client?: ClientLink, on = app): Promise<T> {
  const result = await on.dispatch(channel, payload, client);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as T;
}

function create(name: string, script: string): Promise<Thread> {
  return call<Thread>('threads.create', { projectId, name, profileId: 'custom', command: ['/bin/sh', '-c', script] });
}

function statusOf(id: string, on = app): Thread['status'] | undefined {
  return on.state.threads().find((t) => t.id === id)?.status;
}

describe('terminal pipeline', () => {
  it('loses no byte and holds back a fast producer while the viewer parses slowly', async () => {
    const lines = 250_000;
    // Exits right after its last line, while the viewer still lags: the tail must survive the exit too.
    const thread = await create('Flood', `read go; seq 1 ${lines}; echo END`);
    // A viewer that "parses" about 1 MB/s and acknowledges in 5,000-character steps.
    let received = '';
    let acked = 0;
    let maxBehind = 0;
    const viewer: ClientLink = {
      id: 'slow-window',
      send: (event, payload) => {
        if (event !== 'terminal.data') return;
        received += (payload as { data: string }).data;
        maxBehind = Math.max(maxBehind, received.length - acked);
      },
    };
    const attached = await call<{ data: string }>('terminal.attach', { threadId: thread.id }, viewer);
    await call('terminal.input', { threadId: thread.id, data: '\r' });
    const parser = setInterval(() => {
      const step = Math.min(10_000, received.length - acked);
      if (step <= 0) return;
      acked += step;
      void app.dispatch('terminal.ack', { threadId: thread.id, chars: step }, viewer);
    }, 10);
    try {
      await waitFor(() => statusOf(thread.id) === 'done', 'the flood to finish', 60_000);
    } finally {
      clearInterval(parser);
    }
    const all = attached.data + received;
    const numbers = all.slice(all.indexOf('\r\n1\r\n') + 2, all.indexOf('END'));
    const expected = Array.from({ length: lines }, (_, i) => `${i + 1}\r\n`).join('');
    expect(numbers.length).toBe(expected.length);
    expect(numbers === expected).toBe(true);
    // Never more than the high watermark plus one batch in flight: memory stays flat.
    expect(maxBehind).toBeLessThanOrEqual(flowControl.highWatermark + flowControl.maxBatchChars);
  });

  it('keeps a multi-byte character whole when the program writes it in two halves', async () => {
    // é is C3 A9 in UTF-8: the halves arrive in separate reads, with a pause between them.
    const thread = await create('Split character', "printf 'caf\\303'; sleep 0.3; printf '\\251 ok\\n'");
    await waitFor(() => statusOf(thread.id) === 'done', 'the program to finish');
    const replay = await call<{ data: string }>('terminal.attach', { threadId: thread.id });
    expect(replay.data).toContain('café ok');
    expect(replay.data).not.toContain('\uFFFD');
  });

  it('delivers every keystroke in order while the agent floods output and its viewer lags', async () => {
    const thread = await create(
      'Typing into a flood',
      'stty -echo; (while :; do echo flooding; done) & cat > typed.txt',
    );
    const lagging: ClientLink = { id: 'lagging-window', send: () => undefined }; // never acks: the pty gets paused
    await call('terminal.attach', { threadId: thread.id }, lagging);
    await waitFor(() => statusOf(thread.id) === 'working', 'the flood');
    const sent = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
    await Promise.all(sent.map((line) => call('terminal.input', { threadId: thread.id, data: `${line}\r` })));
    await waitFor(
      async () =>
        (await readFile(path.join(thread.worktreePath, 'typed.txt'), 'utf8').catch(() => '')).split('\n').length >
        sent.length,
      'cat to receive everything',
    );
    const typed = (await readFile(path.join(thread.worktreePath, 'typed.txt'), 'utf8'))
      .split('\n')
      .slice(0, sent.length);
    expect(typed).toEqual(sent);
  });

  it('sends a message as one bracketed paste when the program asked for that, else as one line (never line by line)', async () => {
    const file = (thread: Thread) => path.join(thread.worktreePath, 'got.txt');
    // 6 + 11 + 6 + 1 bytes: the paste markers around "hello\nworld", then Enter (a newline, cooked).
    const pasting = await create('Paste', "stty -echo; printf '\\033[?2004hready\\n'; head -c 24 > got.txt");
    const typing = await create('Lines', 'stty -echo; echo ready; head -n 1 > got.txt');
    for (const thread of [pasting, typing]) {
      await waitFor(
        async () => (await call<{ data: string }>('terminal.attach', { threadId: thread.id })).data.includes('ready'),
        'the prompt',
      );
      app.threads.sendMessage(thread.id, 'hello\nworld');
      // Typed once the shell's screen reads as ready (its idle fallback: a few seconds of silence).
      await waitFor(() => statusOf(thread.id) === 'done', 'the message to arrive', 20_000);
    }
    expect(await readFile(file(pasting), 'utf8')).toBe('\u001b[200~hello\nworld\u001b[201~\n');
    expect(await readFile(file(typing), 'utf8')).toBe('hello world\n');
    expect(() => app.threads.sendMessage(typing.id, 'anyone?')).toThrow(/not running/);
  });

  it('keeps scrollback across a restart, shows the thread stopped, and resumes it in place', async () => {
    const thread = await create('Long runner', 'echo "first run"; sleep 30');
    const window = recordingClient();
    await call('terminal.attach', { threadId: thread.id }, window);
    await waitFor(() => terminalText(window, thread.id).includes('first run'), 'the first output');
    // A crash: the state still says working, and no agent is alive when the app comes back.
    await app.shutdown();
    const onDisk = await StateRepository.open(dataDir); // a shut-down app writes no more
    await onDisk.putThread({ ...onDisk.thread(thread.id), status: 'working', statusReason: null });
    await onDisk.close();
    const { app: restarted } = await makeTestApp(dataDir);
    try {
      expect(restarted.state.thread(thread.id)).toMatchObject({ status: 'stopped' });
      expect(restarted.state.thread(thread.id).statusReason).toContain('resume');
      const after = await call<{ data: string }>('terminal.attach', { threadId: thread.id }, window, restarted);
      expect(after.data).toContain('first run');

      await call('threads.resume', { threadId: thread.id }, undefined, restarted);
      const live = recordingClient('second-window');
      await call('terminal.attach', { threadId: thread.id }, live, restarted);
      await waitFor(() => (terminalText(live, thread.id).match(/first run/g) ?? []).length >= 1, 'the resumed run');
      const replay = await call<{ data: string }>('terminal.attach', { threadId: thread.id }, live, restarted);
      expect(replay.data).toContain('resumed by Switchyard');
      expect(replay.data.match(/first run/g)).toHaveLength(2);
      await expect(call('threads.resume', { threadId: thread.id }, undefined, restarted)).rejects.toMatchObject({
        kind: 'invalid-request',
      });
    } finally {
      await restarted.shutdown();
    }
  });

  it('queues agents beyond the running limit, visibly, and starts them as slots free up', async () => {
    await call('settings.set', { maxRunningAgents: 1 });
    const first = await create('First', 'echo first-up; read x; echo first-done');
    const second = await create('Second', 'echo second-ran');
    await waitFor(() => statusOf(second.id) === 'queued', 'the second to queue');
    expect(app.state.thread(second.id).statusReason).toContain('1 of 1 running');
    await waitFor(() => statusOf(first.id) === 'working' || statusOf(first.id) === 'idle', 'the first to run');
    await call('terminal.input', { threadId: first.id, data: '\r' });
    await waitFor(() => statusOf(first.id) === 'done', 'the first to finish');
    await waitFor(() => statusOf(second.id) === 'done', 'the second to run once a slot freed');
    const settings = await call<{ maxRunningAgents: number | null; effectiveMaxRunningAgents: number }>(
      'settings.get',
      {},
    );
    expect(settings).toMatchObject({ maxRunningAgents: 1, effectiveMaxRunningAgents: 1 });
  });

  it('runs the project setup and copies ignored files before the agent, with its own PORT block', async () => {
    await writeFile(path.join(repo, '.gitignore'), '.env\n');
    await writeFile(path.join(repo, '.env'), 'SECRET=from-main-checkout\n');
    await call('projects.setSetup', {
      projectId,
      setupCommand: ['/bin/sh', '-c', 'echo SETUP-RAN > setup.txt; echo preparing the worktree'],
      copyFiles: ['.env', 'missing.env'],
    });
    const window = recordingClient();
    const a = await create('Env probe', 'cat .env setup.txt; echo "port=$PORT thread=$SWITCHYARD_THREAD"');
    await call('terminal.attach', { threadId: a.id }, window);
    const b = await create('Second probe', 'echo "port=$PORT"');
    await waitFor(() => statusOf(a.id) === 'done' && statusOf(b.id) === 'done', 'both to finish');
    const replay = await call<{ data: string }>('terminal.attach', { threadId: a.id }, window);
    expect(replay.data).toContain('copied .env from the main checkout; not found in the main checkout: missing.env');
    expect(replay.data).toContain('$ /bin/sh -c echo SETUP-RAN');
    expect(replay.data).toContain('SECRET=from-main-checkout');
    expect(replay.data).toContain('SETUP-RAN');
    expect(replay.data).toContain(`port=4100 thread=${a.id}`);
    expect((await call<{ data: string }>('terminal.attach', { threadId: b.id }, window)).data).toContain('port=4110');
    expect(app.state.thread(a.id).portBase).toBe(4100);
  });

  it('fails the thread with the setup’s exit when setup fails, and never starts the agent', async () => {
    await call('projects.setSetup', {
      projectId,
      setupCommand: ['/bin/sh', '-c', 'echo "npm ERR! missing lockfile"; exit 3'],
      copyFiles: [],
    });
    const thread = await create('Broken setup', 'echo agent-started');
    await waitFor(() => statusOf(thread.id) === 'failed', 'the setup failure');
    expect(app.state.thread(thread.id).statusReason).toBe('setup exit 3: npm ERR! missing lockfile');
    const replay = await call<{ data: string }>('terminal.attach', { threadId: thread.id });
    expect(replay.data).not.toContain('agent-started');
  });

  it('reports a corrupt state file to the user and recovers the previous good copy', async () => {
    await create('Kept', 'echo kept');
    await create('Also kept', 'echo also');
    await app.shutdown();
    await writeFile(path.join(dataDir, 'state.json'), '{"version": 1, "projects": [');
    const { app: restarted } = await makeTestApp(dataDir);
    try {
      const info = await call<{ stateProblem: string | null }>('app.info', {}, undefined, restarted);
      expect(info.stateProblem).toContain('not valid JSON');
      expect(info.stateProblem).toContain('previous good copy');
      // The backup is one save behind, never empty: the project and at least the first thread survive.
      expect(restarted.state.projects()).toHaveLength(1);
      expect(restarted.state.threads().length).toBeGreaterThanOrEqual(1);
    } finally {
      await restarted.shutdown();
    }
  });
});
