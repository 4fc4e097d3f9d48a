import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { makeRepo, makeTempDir, waitFor } from '../test-support/temp-repo';
import { makeTestApp } from '../test-support/test-app';
import { openFolderWithSystem } from './open-folder';
import { noEditorFound, openInEditor, resolveEditor } from './open-in-editor';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let bin: string;

beforeEach(async () => {
  temp = await makeTempDir();
  bin = path.join(temp.dir, 'bin');
  await import('node:fs/promises').then((fs) => fs.mkdir(bin));
});

afterEach(async () => {
  await temp.cleanup();
});

/** A stand-in editor on PATH: it writes the arguments it was given, one a line, to `<name>.argv`. */
async function fakeProgram(name: string): Promise<{ file: string; record: string }> {
  const file = path.join(bin, name);
  const record = path.join(temp.dir, `${name}.argv`);
  await writeFile(file, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}.tmp' && mv '${record}.tmp' '${record}'\n`);
  await chmod(file, 0o755);
  return { file, record };
}

async function recorded(record: string): Promise<string[]> {
  const text = await waitFor(() => readFile(record, 'utf8').catch(() => null), `${record} to be written`);
  return text.split('\n').filter(Boolean);
}

async function failureOf(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; message: string };
  }
  throw new Error('expected a failure');
}

describe('which editor opens a worktree', () => {
  it('prefers code, then cursor, on PATH', async () => {
    const cursor = await fakeProgram('cursor');
    expect(await resolveEditor(null, { PATH: bin })).toEqual({ argv: [cursor.file], source: 'cursor' });
    const code = await fakeProgram('code');
    expect(await resolveEditor(null, { PATH: bin })).toEqual({ argv: [code.file], source: 'code' });
  });

  it('falls back to $VISUAL, then $EDITOR, split into argv', async () => {
    const editor = await fakeProgram('my-editor');
    expect(await resolveEditor(null, { PATH: bin, EDITOR: 'my-editor --wait' })).toEqual({
      argv: [editor.file, '--wait'],
      source: 'EDITOR',
    });
    expect(await resolveEditor(null, { PATH: bin, VISUAL: "my-editor '-n x'", EDITOR: 'nope' })).toEqual({
      argv: [editor.file, '-n x'],
      source: 'VISUAL',
    });
  });

  it('uses the command set in Settings over everything else', async () => {
    await fakeProgram('code');
    const chosen = await fakeProgram('chosen');
    expect(await resolveEditor('chosen --new-window', { PATH: bin })).toEqual({
      argv: [chosen.file, '--new-window'],
      source: 'settings',
    });
  });

  it('says what to do when no editor is found', async () => {
    const error = await failureOf(resolveEditor(null, { PATH: bin }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe(noEditorFound);
    expect(error.message).toContain('No editor found');
    const missing = await failureOf(resolveEditor('subl -n', { PATH: bin }));
    expect(missing.message).toContain('"subl" set in Settings was not found');
  });

  it('refuses shell syntax in the editor command', async () => {
    const error = await failureOf(resolveEditor('code $(touch pwned)', { PATH: bin }));
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('shell syntax');
    expect(error.message).toContain('without a shell');
  });

  it('runs the editor detached with the folder as its last argument', async () => {
    const code = await fakeProgram('code');
    const folder = path.join(temp.dir, 'a folder with spaces');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    // The stand-in itself needs mv from the system.
    const result = await openInEditor(folder, null, { PATH: [bin, '/usr/bin', '/bin'].join(path.delimiter) });
    expect(result.argv).toEqual([code.file, folder]);
    expect(await recorded(code.record)).toEqual([folder]);
  });

  it('opens a folder with the system opener, by argv', async () => {
    const opener = await fakeProgram('xdg-open');
    await openFolderWithSystem(temp.dir, { PATH: [bin, '/usr/bin', '/bin'].join(path.delimiter) }, 'linux');
    expect(await recorded(opener.record)).toEqual([temp.dir]);
    const error = await failureOf(openFolderWithSystem(temp.dir, { PATH: path.join(temp.dir, 'empty') }, 'linux'));
    expect(error.message).toContain('xdg-open is not installed');
  });
});

describe('workspace.openInEditor through the app', () => {
  let app: SwitchyardApp;

  afterEach(async () => {
    await app.shutdown();
  });

  it("opens the thread's worktree with the editor set in Settings, and refuses an editor command with shell syntax", async () => {
    const repo = await makeRepo(temp.dir);
    ({ app } = await makeTestApp(path.join(temp.dir, 'data')));
    const editor = await fakeProgram('chosen');
    const project = await app.dispatch('projects.open', { path: repo });
    if (!project.ok) throw new Error(project.error.message);
    const created = await app.dispatch('threads.create', {
      projectId: (project.value as { id: string }).id,
      name: 'Editor',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'sleep 5'],
    });
    if (!created.ok) throw new Error(created.error.message);
    const thread = created.value as Thread;

    const refused = await app.dispatch('settings.set', { editorCommand: 'code; rm -rf ~' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('shell syntax');

    expect((await app.dispatch('settings.set', { editorCommand: `${editor.file} --reuse-window` })).ok).toBe(true);
    const opened = await app.dispatch('workspace.openInEditor', { threadId: thread.id });
    expect(opened).toEqual({ ok: true, value: { argv: [editor.file, '--reuse-window', thread.worktreePath] } });
    expect(await recorded(editor.record)).toEqual(['--reuse-window', thread.worktreePath]);

    const unknown = await app.dispatch('workspace.openInEditor', { threadId: 'nope' });
    expect(unknown.ok || unknown.error.kind).toBe('not-found');
  });
});
