import { describe, expect, it } from 'vitest';
import { requestChannels } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { GitError } from '../git/core';
import { createRequestRouter, type Handlers } from './request-router';

function handlersThatAnswer(answer: (channel: string) => unknown): Handlers {
  return Object.fromEntries(requestChannels.map((c) => [c, () => answer(c)])) as unknown as Handlers;
}

describe('request router', () => {
  it('passes valid requests through and returns the value', async () => {
    const dispatch = createRequestRouter(handlersThatAnswer((c) => `answer from ${c}`));
    expect(await dispatch('projects.list', {})).toEqual({ ok: true, value: 'answer from projects.list' });
  });

  it('answers unknown channels and malformed payloads with typed errors and never calls the handler', async () => {
    let called = false;
    const dispatch = createRequestRouter(handlersThatAnswer(() => (called = true)));
    expect(await dispatch('shell.exec', { cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    const bad = await dispatch('threads.create', { projectId: 'p', name: 'x', profileId: 'demo', prompt: 7 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(!bad.ok && bad.error.message).toContain('prompt');
    expect(await dispatch('terminal.resize', { threadId: 't', cols: 0, rows: 10 })).toMatchObject({ ok: false });
    expect(await dispatch('threads.list', { unexpected: true })).toMatchObject({ ok: false });
    expect(called).toBe(false);
  });

  it('turns thrown errors into typed errors instead of crashing', async () => {
    const dispatch = createRequestRouter(
      handlersThatAnswer((c) => {
        if (c === 'merge.run') throw new AppError('merge-conflict', 'conflicts in a.txt', { files: ['a.txt'] });
        throw new TypeError('boom');
      }),
      () => undefined,
    );
    expect(await dispatch('merge.run', { threadId: 't' })).toEqual({
      ok: false,
      error: { kind: 'merge-conflict', message: 'conflicts in a.txt', details: { files: ['a.txt'] } },
    });
    expect(await dispatch('projects.list', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('words a git failure by its kind, and keeps an unrecognised one internal with git’s words', async () => {
    const failed = (stderr: string) => new GitError(['commit-tree'], { stdout: '', stderr, exitCode: 128 }, '/repo');
    const logged: string[] = [];
    const dispatch = createRequestRouter(
      handlersThatAnswer((c) => {
        throw failed(c === 'merge.run' ? 'fatal: empty ident name (for <a@b>) not allowed' : 'fatal: odd');
      }),
      (line) => logged.push(line),
    );
    const identity = await dispatch('merge.run', { threadId: 't' });
    expect(identity).toMatchObject({ ok: false, error: { kind: 'identity-missing' } });
    expect(!identity.ok && identity.error.message).toMatch(/^Git has no author identity to commit with in \/repo;/);
    expect(await dispatch('projects.list', {})).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'git commit-tree failed (exit 128): fatal: odd' },
    });
    expect(logged).toHaveLength(2);
  });

  it('refuses a payload of more values than any request holds before validating it, and names only a few issues', async () => {
    let called = false;
    const dispatch = createRequestRouter(handlersThatAnswer(() => (called = true)));
    // Each entry lacks its four prices: a validator listing every issue of 400,000 would hold gigabytes.
    const models = Object.fromEntries(Array.from({ length: 400_000 }, (_, i) => [`m${i}`, {}]));
    const started = Date.now();
    const flood = await dispatch('usage.setPriceOverrides', { models });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(flood).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(!flood.ok && flood.error.message).toMatch(/more than 10,000 values/);
    // Nesting counts too, and is walked without recursion.
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(await dispatch('projects.open', { path: deep })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    // Within the budget, the answer lists the first issues and counts the rest.
    const some = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}`, {}]));
    const invalid = await dispatch('usage.setPriceOverrides', { models: some });
    expect(!invalid.ok && invalid.error.message).toMatch(/and 39\d more$/);
    expect(!invalid.ok && invalid.error.message.length).toBeLessThan(1_000);
    expect(called).toBe(false);
  });
});
