import { beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../shared/brief';
import { makeProject, makeThread } from '../../shared/test-fixtures';
import { useNewThreadPrefillStore } from './new-thread-prefill-store';
import { duplicateThread, prefillFromThread } from './duplicate-thread';
import { useProjectsStore } from '../state/projects-store';
import { useUiStore } from '../state/ui-store';

beforeEach(() => {
  useProjectsStore.setState({ projects: [makeProject()], selectedId: 'p1' });
  useUiStore.setState({ dialog: null });
  useNewThreadPrefillStore.setState({ prefill: null });
});

describe('duplicating a thread', () => {
  it('copies the brief, agent and base, but not the prompt the brief rendered', () => {
    const brief = BriefSchema.parse({ task: 'Add briefs', ownedPaths: ['a/**', 'b'], integrationRisk: 'high' });
    const prefill = prefillFromThread(
      makeThread({ name: 'Briefs', baseBranch: 'develop', profileId: 'codex', prompt: 'rendered…', brief }),
    );
    expect(prefill).toMatchObject({
      projectId: 'p1',
      name: 'Briefs (copy)',
      baseBranch: 'develop',
      profileId: 'codex',
      prompt: '',
      brief: { task: 'Add briefs', taskEdited: true, ownedPaths: 'a/**\nb', integrationRisk: 'high' },
    });
  });

  it('copies a plain thread’s prompt and command, and keeps the name within the limit', () => {
    const prefill = prefillFromThread(
      makeThread({ name: 'x'.repeat(120), prompt: 'Do the thing', command: ['my-agent', '--flag'], brief: null }),
    );
    expect(prefill.prompt).toBe('Do the thing');
    expect(prefill.command).toEqual(['my-agent', '--flag']);
    expect(prefill.brief.taskEdited).toBe(false);
    expect(prefill.name).toHaveLength(120);
    expect(prefill.name.endsWith(' (copy)')).toBe(true);
  });

  it('offers the prefill and opens the new-thread form', () => {
    duplicateThread(makeThread({ id: 't9', name: 'Fix login' }));
    expect(useUiStore.getState().dialog).toEqual({ kind: 'new-thread' });
    expect(useNewThreadPrefillStore.getState().prefill?.name).toBe('Fix login (copy)');
  });
});
