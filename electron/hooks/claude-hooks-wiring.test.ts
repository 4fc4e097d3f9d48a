import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { gitOutput } from '../git/core';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp } from '../test-support/test-app';

/**
 * A stand-in for the `claude` binary that does what Claude Code does with hooks: reads the
 * worktree's project-local settings and runs the Notification hook command with the hook's JSON
 * on stdin — then waits, as an agent at a permission prompt would.
 */
const fakeClaude = `#!/bin/sh
command=$(node -e "const s=require(process.cwd()+'/.claude/settings.local.json'); process.stdout.write(s.hooks.Notification[0].hooks[0].command)")
echo "Claude is thinking"
echo '{"hook_event_name":"Notification","message":"Claude needs your permission to use Bash"}' | sh -c "$command"
sleep 30
`;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let app: SwitchyardApp;
let savedPath: string | undefined;

beforeEach(async () => {
  temp = await makeTempDir();
  const bin = path.join(temp.dir, 'bin');
  await mkdir(bin);
  await writeFile(path.join(bin, 'claude'), fakeClaude);
  await chmod(path.join(bin, 'claude'), 0o755);
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  ({ app } = await makeTestApp(path.join(temp.dir, 'data')));
});

afterEach(async () => {
  process.env.PATH = savedPath;
  await app.shutdown();
  await temp.cleanup();
});

describe('Claude Code hooks, wired into a thread', () => {
  it('installs project-local hooks that report the agent’s own state through the token-checked endpoint', async () => {
    const repo = await makeRepo(temp.dir);
    const opened = await app.dispatch('projects.open', { path: repo });
    if (!opened.ok) throw new Error(opened.error.message);
    const created = await app.dispatch('threads.create', {
      projectId: (opened.value as { id: string }).id,
      name: 'Claude task',
      profileId: 'claude',
      prompt: 'Fix the tests',
    });
    if (!created.ok) throw new Error(created.error.message);
    const thread = created.value as Thread;
    await waitFor(() => app.state.thread(thread.id).status === 'needs-input', 'the hook to report', 20_000);
    expect(app.state.thread(thread.id).statusReason).toContain('Claude needs your permission to use Bash');
    // Project-local only, and invisible to git.
    expect((await gitOutput(thread.worktreePath, ['status', '--porcelain'])).trim()).toBe('');
  });
});
