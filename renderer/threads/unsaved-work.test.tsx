import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WireError } from '../../shared/errors';
import { RemoveOutcomePanel } from './remove-outcome-panel';
import { UnsavedWork } from './unsaved-work';

const refusal: WireError = {
  kind: 'unsaved-work',
  message: '"Nested" has 3 uncommitted files and 1 commit on a detached HEAD that no branch holds.',
  details: {
    uncommittedFiles: ['nested/', 'notes.txt'],
    unmergedCommits: 1,
    detachedCommits: 1,
    ignoredFiles: ['local.env'],
    nestedRepositories: ['nested/'],
  },
};

describe('the remove dialog', () => {
  it('says which commits are on a detached HEAD and what no backup can keep, before anything is removed', () => {
    const html = renderToStaticMarkup(
      <UnsavedWork error={refusal} running={false} onKeep={() => undefined} onDiscard={() => undefined} />,
    );
    expect(html).toContain('data-testid="remove-detached-commits"');
    expect(html).toContain('One commit is on a detached HEAD');
    expect(html).toContain('data-testid="remove-not-kept"');
    expect(html).toContain('nested/ (a git repository of its own');
    expect(html).toContain('local.env (ignored by git)');
    expect(html).toContain('even if you discard');
  });

  it('shows nothing about it when everything can be kept', () => {
    const html = renderToStaticMarkup(
      <UnsavedWork
        error={{ ...refusal, details: { uncommittedFiles: ['a.txt'], unmergedCommits: 0 } }}
        running={false}
        onKeep={() => undefined}
        onDiscard={() => undefined}
      />,
    );
    expect(html).not.toContain('remove-not-kept');
    expect(html).not.toContain('remove-detached-commits');
  });

  it('lists in the result what was deleted with the worktree and kept by no backup', () => {
    const html = renderToStaticMarkup(
      <RemoveOutcomePanel
        outcome={{
          threadId: 't1',
          worktreeRemoved: true,
          branchDeleted: true,
          backupRef: 'refs/switchyard/backups/x/1',
          ignoredFiles: ['node_modules/'],
          nestedRepositories: ['vendor/lib/'],
        }}
      />,
    );
    expect(html).toContain('refs/switchyard/backups/x/1');
    expect(html).toContain('Deleted with the worktree, and kept by no');
    expect(html).toContain('node_modules/ (ignored by git)');
    expect(html).toContain('vendor/lib/ (a git repository of its own');
  });
});
