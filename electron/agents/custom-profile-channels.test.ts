import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomProfile } from '../../shared/custom-profile';
import type { AgentProfileInfo, Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp } from '../test-support/test-app';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let app: SwitchyardApp;
let dataDir: string;

beforeEach(async () => {
  temp = await makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  ({ app } = await makeTestApp(dataDir));
});

afterEach(async () => {
  await app.shutdown();
  await temp.cleanup();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { kind: result.error.kind });
  return result.value as T;
}

async function failure(channel: string, payload: unknown) {
  const result = await app.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

/** A real program run through a real pty: copies the prompt file and one variable into the worktree. */
const writer = {
  id: 'custom-writer',
  label: 'Prompt writer',
  binary: '/bin/sh',
  args: ['-c', 'cat "$0" > prompt-copy.txt && printf %s "$GREETING" > env.txt', '{promptFile}'],
  promptArgs: [],
  env: { GREETING: 'hello from the profile' },
};

describe('custom profiles through the channels', () => {
  it('refuses bad data with the reason and stores nothing', async () => {
    const badPattern = await failure('profiles.saveCustom', { profile: { ...writer, needsInputPatterns: ['(oops'] } });
    expect(badPattern.kind).toBe('invalid-request');
    expect(badPattern.message).toContain('"(oops" is not a valid regular expression');
    const badEnv = await failure('profiles.saveCustom', { profile: { ...writer, env: { 'MY VAR': 'x' } } });
    expect(badEnv.kind).toBe('invalid-request');
    expect(badEnv.message).toContain('"MY VAR" is not an environment variable name');
    const unknownField = await failure('profiles.saveCustom', { profile: { ...writer, shell: true } });
    expect(unknownField.kind).toBe('invalid-request');
    expect(await call<CustomProfile[]>('profiles.listCustom', {})).toEqual([]);
  });

  it('saves a profile, lists it live, launches it in a real pty with {promptFile}, keeps it across restarts and deletes it', async () => {
    const saved = await call<AgentProfileInfo>('profiles.saveCustom', { profile: writer });
    expect(saved).toMatchObject({
      id: 'custom-writer',
      label: 'Prompt writer',
      installed: true,
      custom: true,
      modes: ['interactive'],
      approvalModes: [{ id: 'default', label: expect.any(String), bypass: false }],
      supportsResume: false,
    });
    const listed = await call<AgentProfileInfo[]>('profiles.list', {});
    expect(listed.find((p) => p.id === 'custom-writer')).toEqual(saved);
    expect(listed.find((p) => p.id === 'claude')?.custom).toBe(false);
    expect(await call<CustomProfile[]>('profiles.listCustom', {})).toEqual([
      { ...writer, needsInputPatterns: [], resumeArgs: null },
    ]);

    const repo = await makeRepo(temp.dir);
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const prompt = 'Write "the" file; $(whoami) `id`\nsecond line';
    const thread = await call<Thread>('threads.create', {
      projectId: project.id,
      name: 'Custom run',
      profileId: 'custom-writer',
      prompt,
    });
    expect(thread).toMatchObject({ profileId: 'custom-writer', mode: 'interactive', approvalMode: 'default' });
    expect(thread.bypassApprovals).toBe(false);
    await waitFor(() => app.state.thread(thread.id).status === 'done', 'the custom agent to finish');
    expect(await readFile(path.join(thread.worktreePath, 'prompt-copy.txt'), 'utf8')).toBe(prompt);
    expect(await readFile(path.join(thread.worktreePath, 'env.txt'), 'utf8')).toBe('hello from the profile');

    await app.shutdown();
    ({ app } = await makeTestApp(dataDir));
    expect((await call<AgentProfileInfo[]>('profiles.list', {})).some((p) => p.id === 'custom-writer')).toBe(true);

    expect(await call('profiles.deleteCustom', { id: 'custom-writer' })).toEqual({ deleted: true });
    expect(await call('profiles.deleteCustom', { id: 'custom-writer' })).toEqual({ deleted: false });
    expect((await call<AgentProfileInfo[]>('profiles.list', {})).some((p) => p.id === 'custom-writer')).toBe(false);
    const gone = await failure('threads.create', { projectId: project.id, name: 'Again', profileId: 'custom-writer' });
    expect(gone.kind).toBe('not-found');
  });

  it('reports a missing custom binary before creating anything', async () => {
    await call('profiles.saveCustom', { profile: { ...writer, binary: 'no-such-custom-agent-xyz' } });
    const repo = await makeRepo(temp.dir);
    const project = await call<{ id: string }>('projects.open', { path: repo });
    const missing = await failure('threads.create', { projectId: project.id, name: 'x', profileId: 'custom-writer' });
    expect(missing).toMatchObject({
      kind: 'agent-missing',
      details: { binary: 'no-such-custom-agent-xyz', profileId: 'custom-writer' },
    });
    expect(app.state.threads()).toHaveLength(0);
  });
});
