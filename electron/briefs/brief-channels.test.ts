import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefInput, BriefTemplate } from '../../shared/brief';
import type { WireError } from '../../shared/errors';
import type { Project, Thread } from '../../shared/models';
import type { SwitchyardApp } from '../app/switchyard-app';
import { gitOutput } from '../git/core';
import { closeRepoWithApp, repoWithApp, type RepoWithApp } from '../test-support/test-app';
import { defaultPromptTemplate } from './default-prompt-template';

let temp: RepoWithApp['temp'];
let app: SwitchyardApp;
let project: Project;

beforeEach(async () => {
  let repo: string;
  ({ temp, repo, app } = await repoWithApp());
  project = await call<Project>('projects.open', { path: repo });
});

afterEach(() => closeRepoWithApp(app, temp));

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

async function failure(channel: string, payload: unknown): Promise<WireError> {
  const result = await app.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

/** A real agent that exits at once: enough for a worktree to exist. */
function createThread(name: string, brief?: BriefInput): Promise<Thread> {
  return call<Thread>('threads.create', {
    projectId: project.id,
    name,
    profileId: 'custom',
    command: ['/bin/sh', '-c', 'true'],
    prompt: 'Typed by the dispatcher.',
    ...(brief ? { brief } : {}),
  });
}

describe('briefs.preview', () => {
  it('renders the prompt with the built-in template, the project template or a draft template', async () => {
    const request = { projectId: project.id, name: 'Fix login', brief: { goal: 'Users can log in.' } };
    const builtIn = await call<{ prompt: string }>('briefs.preview', request);
    expect(builtIn.prompt).toContain('on the branch switchyard/fix-login, created from main');
    expect(builtIn.prompt).toContain('## Goal\nUsers can log in.\n');
    expect(builtIn.prompt).toContain('.changes/fix-login.md');

    await call('projects.setPromptTemplate', { projectId: project.id, template: 'Do: {{task}} ({{branch}})' });
    expect(await call('briefs.preview', request)).toEqual({ prompt: 'Do: Fix login (switchyard/fix-login)' });
    expect(await call('briefs.preview', { ...request, template: '{{goal}}' })).toEqual({ prompt: 'Users can log in.' });
    expect((await call<{ prompt: string }>('briefs.preview', { ...request, template: null })).prompt).toBe(
      builtIn.prompt,
    );
  });

  it('names the dependencies, and refuses ids that are not threads of the project', async () => {
    const first = await createThread('Contract split');
    const preview = await call<{ prompt: string }>('briefs.preview', {
      projectId: project.id,
      name: 'Follow-up',
      brief: { dependsOn: [first.id] },
    });
    expect(preview.prompt).toContain(`- Contract split (branch ${first.branch})`);

    const error = await failure('briefs.preview', {
      projectId: project.id,
      name: 'x',
      brief: { dependsOn: ['t_gone'] },
    });
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('"t_gone"');
  });

  it('reports a broken draft template as invalid-request', async () => {
    const error = await failure('briefs.preview', {
      projectId: project.id,
      name: 'x',
      brief: {},
      template: '{{#ownedPaths}}\n- {{.}}',
    });
    expect(error).toMatchObject({ kind: 'invalid-request' });
    expect(error.message).toContain('"{{#ownedPaths}}" is never closed');
  });
});

describe('projects.setPromptTemplate', () => {
  it('saves a valid template, refuses a broken one, and goes back to the built-in one with null', async () => {
    const saved = await call<Project>('projects.setPromptTemplate', { projectId: project.id, template: '{{task}}' });
    expect(saved.promptTemplate).toBe('{{task}}');

    const error = await failure('projects.setPromptTemplate', { projectId: project.id, template: 'Hi {{taks}}' });
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('"taks" is not a name');
    expect(app.state.project(project.id).promptTemplate).toBe('{{task}}');

    const reset = await call<Project>('projects.setPromptTemplate', { projectId: project.id, template: null });
    expect(reset.promptTemplate).toBeNull();
    expect((await failure('projects.setPromptTemplate', { projectId: 'p_none', template: null })).kind).toBe(
      'not-found',
    );
  });

  it('is what briefs.promptTemplate.default starts from', async () => {
    const info = await call<{ template: string; variables: Array<{ name: string }> }>(
      'briefs.promptTemplate.default',
      {},
    );
    expect(info.template).toBe(defaultPromptTemplate);
    expect(info.variables.map((v) => v.name)).toContain('verificationCommands');
  });
});

describe('brief templates', () => {
  it('saves, lists by name, replaces by id or name, and deletes', async () => {
    const review = await call<BriefTemplate>('briefs.templates.save', {
      name: 'Review',
      brief: { task: 'Review', dependsOn: ['t_x'] },
    });
    expect(review.brief.dependsOn).toEqual([]);
    const api = await call<BriefTemplate>('briefs.templates.save', {
      name: 'API work',
      brief: { ownedPaths: ['api/**'] },
    });
    expect((await call<BriefTemplate[]>('briefs.templates.list', {})).map((t) => t.name)).toEqual([
      'API work',
      'Review',
    ]);

    const renamed = await call<BriefTemplate>('briefs.templates.save', { id: api.id, name: 'API', brief: {} });
    expect(renamed).toMatchObject({ id: api.id, name: 'API', createdAt: api.createdAt });
    const sameName = await call<BriefTemplate>('briefs.templates.save', { name: 'review', brief: { goal: 'g' } });
    expect(sameName.id).toBe(review.id);
    expect(await call<BriefTemplate[]>('briefs.templates.list', {})).toHaveLength(2);

    expect(await call('briefs.templates.delete', { id: review.id })).toEqual({ deleted: true });
    expect(await call('briefs.templates.delete', { id: review.id })).toEqual({ deleted: false });
    expect((await failure('briefs.templates.save', { id: 'bt_none', name: 'x', brief: {} })).kind).toBe('not-found');
    expect(app.state.get('briefTemplates').map((t) => t.name)).toEqual(['API']);
  });
});

describe('threads.create with a brief', () => {
  it('starts the agent with the rendered prompt and saves the brief in the worktree, untracked and clean', async () => {
    const thread = await createThread('Worker briefs', {
      task: 'Add worker briefs',
      ownedPaths: ['electron/briefs/**'],
      verificationCommands: ['npx vitest run electron/briefs'],
    });
    expect(thread.brief?.task).toBe('Add worker briefs');
    expect(thread.prompt).toContain('# Task\nAdd worker briefs\n');
    expect(thread.prompt).toContain('## Notes from the dispatcher\nTyped by the dispatcher.\n');

    const md = await readFile(path.join(thread.worktreePath, '.switchyard', 'brief.md'), 'utf8');
    expect(md.trimEnd()).toBe(thread.prompt.trimEnd());
    const json = JSON.parse(await readFile(path.join(thread.worktreePath, '.switchyard', 'brief.json'), 'utf8'));
    expect(json).toMatchObject({
      thread: { id: thread.id, branch: thread.branch },
      brief: { task: 'Add worker briefs' },
    });

    expect((await gitOutput(thread.worktreePath, ['status', '--porcelain'])).trim()).toBe('');
    expect((await gitOutput(project.path, ['status', '--porcelain'])).trim()).toBe('');
  });

  it('refuses a changelog path outside the worktree before creating anything', async () => {
    const error = await failure('threads.create', {
      projectId: project.id,
      name: 'Escape',
      profileId: 'custom',
      command: ['/bin/sh', '-c', 'true'],
      brief: { changelogPath: '../outside.md' },
    });
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('changelogPath');
    expect(app.state.threads()).toHaveLength(0);
  });
});
