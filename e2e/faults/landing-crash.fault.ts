import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitOutput } from '../../electron/git/core';
import { defaultChangelogPath } from '../../shared/brief';
import {
  assertAnswering,
  createScriptThread,
  eventually,
  faultWorkspace,
  onlyProjectId,
  threadNamed,
} from './support/fault-workspace';
import type { Wire } from './support/wire';

interface QueueView {
  settings: Record<string, unknown>;
  entries: { threadId: string; branch: string }[];
  landing: { running: boolean; branch: string | null; step: string } | null;
}

/** An agent that commits its own file and its changelog fragment, then exits. */
function committingAgent(name: string): string {
  const fragment = defaultChangelogPath(name);
  return (
    `mkdir -p "$(dirname ${fragment})" && echo "${name} entry" > ${fragment} && echo ${name} > ${name}.txt && ` +
    `git add -A && git commit -qm "${name} work" && echo done`
  );
}

async function queueTwo(wire: Wire): Promise<string> {
  const projectId = await onlyProjectId(wire);
  for (const name of ['alpha', 'beta']) {
    const thread = await createScriptThread(wire, name, committingAgent(name));
    await eventually(async () => (await threadNamed(wire, name))?.status === 'done', `${name} to finish`);
    await wire.call('mergeQueue.add', { projectId, threadId: thread.id });
  }
  return projectId;
}

/**
 * kill -9 of the host in the middle of landing a queue: after a restart the landing is recovered,
 * landing again brings every entry in once, and every changelog fragment is gathered.
 */
describe('the host killed mid-land', () => {
  it('recovers: every branch lands once and every fragment is gathered', async () => {
    const workspace = await faultWorkspace();
    let host = await workspace.serve();
    let wire = await workspace.connect(host);
    const projectId = await queueTwo(wire);
    const view = await wire.call<QueueView>('mergeQueue.get', { projectId });
    // A slow verification so the kill lands while the second entry is being verified.
    await wire.call('mergeQueue.setSettings', {
      projectId,
      settings: { ...view.settings, verify: ['/bin/sh', '-c', 'sleep 3'] },
    });
    const first = view.entries[0]!.branch;
    const second = view.entries[1]!.branch;
    wire.fire('mergeQueue.land', { projectId, all: true });
    await eventually(
      async () => {
        const now = await wire.call<QueueView>('mergeQueue.get', { projectId });
        return now.landing?.branch === second && now.landing.step === 'verifying';
      },
      'the second entry to be verifying',
      30_000,
    );
    await host.crash();

    host = await workspace.serve();
    wire = await workspace.connect(host);
    await wire.call('mergeQueue.setSettings', { projectId, settings: { ...view.settings, verify: null } });
    await wire.call('mergeQueue.land', { projectId, all: true });
    const after = await wire.call<QueueView>('mergeQueue.get', { projectId });
    expect(after.entries).toEqual([]);

    for (const branch of [first, second]) {
      await gitOutput(workspace.repo, ['merge-base', '--is-ancestor', branch, 'main']);
    }
    const main = await gitOutput(workspace.repo, ['ls-tree', '-r', '--name-only', 'main']);
    expect(main).not.toMatch(/^\.changes\//m);
    const changelog = await gitOutput(workspace.repo, ['show', 'main:CHANGELOG.md']);
    expect(changelog).toContain('alpha entry');
    expect(changelog).toContain('beta entry');
    // Each branch came in once: no second merge of an already-landed branch, no empty commits.
    const subjects = (await gitOutput(workspace.repo, ['log', '--format=%s', 'main'])).split('\n');
    for (const branch of [first, second]) {
      expect(subjects.filter((subject) => subject.includes(branch))).toHaveLength(1);
    }
    const commits = (await gitOutput(workspace.repo, ['log', '--no-merges', '--format=%H', 'main'])).trim().split('\n');
    for (const commit of commits) {
      const changed = await gitOutput(workspace.repo, [
        'diff-tree',
        '--root',
        '--no-commit-id',
        '--name-only',
        '-r',
        commit,
      ]);
      expect(changed.trim(), `commit ${commit} changes nothing`).not.toBe('');
    }
    // The user's checkout of main was clean, so it followed the landing.
    expect(await readFile(path.join(workspace.repo, 'alpha.txt'), 'utf8')).toBe('alpha\n');
    await assertAnswering(host);
  });
});
