import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gitOutput, runGit } from '../git/core';
import { commitAll, makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { hookEnv, type HookEvent, hookTokenHeader } from './hook-protocol';
import { type HookServer, startHookServer } from './hook-server';
import { claudeLocalSettings, installClaudeHooks, withRelayHooks } from './install-claude-hooks';
import { bundleNodeScript } from '../test-support/bundle-script';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let relay: string;
let server: HookServer;
let events: HookEvent[];

beforeAll(async () => {
  temp = await makeTempDir('hooks-');
  relay = path.join(temp.dir, 'hook-relay.cjs');
  await bundleNodeScript(path.join(__dirname, 'hook-relay.ts'), relay);
  events = [];
  server = await startHookServer({ onEvent: (event) => events.push(event) });
});

afterEach(() => {
  events.length = 0;
});

afterAll(async () => {
  await server.close();
  await temp.cleanup();
});

interface Run {
  code: number;
  stdout: string;
  ms: number;
}

/** Runs a program the way Claude Code runs a hook: JSON on stdin, the agent's environment. */
function runHook(file: string, args: string[], input: string, env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout) => {
      const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, stdout: String(stdout), ms: Date.now() - started });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

const notification = JSON.stringify({
  session_id: 'abc',
  hook_event_name: 'Notification',
  message: 'Claude needs your permission to use Bash',
});

function threadBody(threadId: string): string {
  return JSON.stringify({ threadId, hook: JSON.parse(notification) as unknown });
}

function relayEnv(token = server.tokenFor('thread-1'), threadId = 'thread-1'): Record<string, string> {
  return { [hookEnv.url]: server.url, [hookEnv.token]: token, [hookEnv.threadId]: threadId };
}

describe('hook server and relay', () => {
  it('carries a hook from the relay to onEvent, printing nothing and exiting 0', async () => {
    const run = await runHook(process.execPath, [relay], notification, relayEnv());
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(events).toEqual([
      { threadId: 'thread-1', kind: 'Notification', message: 'Claude needs your permission to use Bash' },
    ]);
    for (const name of ['Stop', 'UserPromptSubmit']) {
      await runHook(process.execPath, [relay], JSON.stringify({ hook_event_name: name, prompt: 'hi' }), relayEnv());
    }
    expect(events.map((event) => [event.kind, event.message])).toEqual([
      ['Notification', 'Claude needs your permission to use Bash'],
      ['Stop', null],
      ['UserPromptSubmit', null],
    ]);
  });

  it('refuses a wrong token, another Host, other paths and methods; the relay still exits 0', async () => {
    const run = await runHook(process.execPath, [relay], notification, relayEnv('wrong-token'));
    expect(run.code).toBe(0);
    expect(events).toEqual([]);
    const post = (headers: Record<string, string>, url = server.url, method = 'POST', body = threadBody('thread-1')) =>
      fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: method === 'GET' ? null : body,
      });
    const token = server.tokenFor('thread-1');
    expect((await post({})).status).toBe(401);
    expect((await post({ [hookTokenHeader]: `${token}x` })).status).toBe(401);
    expect((await post({ [hookTokenHeader]: token }, server.url.replace('/hook', '/other'))).status).toBe(404);
    expect((await post({ [hookTokenHeader]: token }, server.url, 'GET')).status).toBe(405);
    expect(events).toEqual([]);
    const shapeless = await post({ [hookTokenHeader]: token }, server.url, 'POST', notification);
    expect(shapeless.status).toBe(400); // the body lacks the thread id: only the relay's shape is accepted
    expect((await post({ [hookTokenHeader]: token })).status).toBe(204);
    expect(events).toHaveLength(1);
  });

  it("gives each thread its own token: one thread's token cannot report for another", async () => {
    const tokenA = server.tokenFor('thread-a');
    const tokenB = server.tokenFor('thread-b');
    expect(tokenA).not.toBe(tokenB);
    expect(server.tokenFor('thread-a')).toBe(tokenA);
    // Thread A's agent, naming thread B in its environment or in a hand-made request.
    const relayed = await runHook(process.execPath, [relay], notification, relayEnv(tokenA, 'thread-b'));
    expect(relayed.code).toBe(0);
    const direct = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [hookTokenHeader]: tokenA },
      body: threadBody('thread-b'),
    });
    expect(direct.status).toBe(401);
    expect(events).toEqual([]);
    // Each token still works for its own thread.
    await runHook(process.execPath, [relay], notification, relayEnv(tokenB, 'thread-b'));
    expect(events).toEqual([
      { threadId: 'thread-b', kind: 'Notification', message: 'Claude needs your permission to use Bash' },
    ]);
  });

  it('does nothing, quickly, outside Switchyard or when the app is gone', async () => {
    const outside = await runHook(process.execPath, [relay], notification, {});
    expect(outside).toMatchObject({ code: 0, stdout: '' });
    const gone = await runHook(process.execPath, [relay], notification, {
      ...relayEnv(),
      [hookEnv.url]: 'http://127.0.0.1:9/hook',
    });
    expect(gone.code).toBe(0);
    expect(gone.ms).toBeLessThan(3000);
    const garbage = await runHook(process.execPath, [relay], 'not json', relayEnv());
    expect(garbage.code).toBe(0);
    expect(events).toEqual([]);
  });
});

describe('installing the hooks into a worktree', () => {
  async function repoWithWorktree(name: string) {
    const repo = await makeRepo(temp.dir, name);
    const worktree = path.join(temp.dir, `${name}.worktrees`, 'feature');
    await runGit(repo, ['worktree', 'add', '--quiet', '-b', 'feature', worktree]);
    return { repo, worktree };
  }

  it('writes project-local settings whose command reaches the server, git-ignored in every worktree', async () => {
    const { repo, worktree } = await repoWithWorktree('install');
    const outcome = await installClaudeHooks({ worktreePath: worktree, relayCommand: [process.execPath, relay] });
    expect(outcome).toEqual({ installed: true, settingsFile: path.join(worktree, claudeLocalSettings) });
    expect(await gitOutput(worktree, ['status', '--porcelain'])).toBe('');
    expect(await gitOutput(repo, ['check-ignore', claudeLocalSettings])).toContain('settings.local.json');
    const exclude = await readFile(path.join(repo, '.git', 'info', 'exclude'), 'utf8');
    expect(exclude).toContain('/.claude/settings.local.json');

    const settings = JSON.parse(await readFile(path.join(worktree, claudeLocalSettings), 'utf8')) as {
      hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>>;
    };
    expect(Object.keys(settings.hooks).sort()).toEqual(['Notification', 'Stop', 'UserPromptSubmit']);
    // Claude Code runs the command through a shell.
    const command = settings.hooks.Notification?.[0]?.hooks[0]?.command ?? '';
    const run = await runHook('/bin/sh', ['-c', command], notification, relayEnv());
    expect(run.code).toBe(0);
    await waitFor(() => events.length === 1, 'the relayed event');
    expect(events[0]?.kind).toBe('Notification');
  });

  it('merges with what is there, and a reinstall replaces only its own hooks', async () => {
    const { worktree } = await repoWithWorktree('merge');
    const file = path.join(worktree, claudeLocalSettings);
    await mkdir(path.dirname(file), { recursive: true });
    const userHook = { matcher: '', hooks: [{ type: 'command', command: 'notify-send claude' }] };
    await writeFile(
      file,
      JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { Notification: [userHook] } }),
    );
    await installClaudeHooks({ worktreePath: worktree, relayCommand: ['/old/node', '/old/relay.cjs'] });
    await installClaudeHooks({
      worktreePath: worktree,
      relayCommand: ['/new/electron', "/it's/hook-relay.cjs"],
      relayEnv: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const settings = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & {
      hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>>;
    };
    expect(settings.permissions).toEqual({ allow: ['Bash(npm test)'] });
    expect(settings.hooks.Notification?.[0]).toEqual(userHook);
    for (const event of ['Notification', 'Stop', 'UserPromptSubmit']) {
      const commands = (settings.hooks[event] ?? []).flatMap((group) => group.hooks.map((hook) => hook.command));
      const relays = commands.filter((command) => command.includes('--switchyard-relay'));
      expect(relays).toEqual([
        `ELECTRON_RUN_AS_NODE='1' '/new/electron' '/it'\\''s/hook-relay.cjs' --switchyard-relay`,
      ]);
    }
  });

  it('leaves a tracked, broken or oddly shaped settings file alone', async () => {
    const { repo } = await repoWithWorktree('tracked');
    await mkdir(path.join(repo, '.claude'), { recursive: true });
    await writeFile(path.join(repo, claudeLocalSettings), '{}\n');
    await commitAll(repo, 'track local settings');
    const tracked = await installClaudeHooks({ worktreePath: repo, relayCommand: ['node', 'relay.cjs'] });
    expect(tracked).toMatchObject({ installed: false, reason: expect.stringContaining('tracked') });
    expect(await readFile(path.join(repo, claudeLocalSettings), 'utf8')).toBe('{}\n');

    const { worktree } = await repoWithWorktree('broken');
    const file = path.join(worktree, claudeLocalSettings);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ "hooks": ');
    const broken = await installClaudeHooks({ worktreePath: worktree, relayCommand: ['node', 'relay.cjs'] });
    expect(broken).toMatchObject({ installed: false, reason: expect.stringContaining('not valid JSON') });
    expect(await readFile(file, 'utf8')).toBe('{ "hooks": ');

    expect(withRelayHooks({ hooks: [] }, 'x')).toEqual(expect.stringContaining('not an object'));
    expect(withRelayHooks({ hooks: { Stop: {} } }, 'x')).toEqual(expect.stringContaining('not a list'));
  });
});
