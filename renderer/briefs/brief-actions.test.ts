import { beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema, type BriefTemplate } from '../../shared/brief';
import { FakeBridge, ok } from '../test-support/fake-bridge';
import { makeProject } from '../../shared/test-fixtures';
import { createBriefActions } from './brief-actions';
import { useBriefTemplatesStore } from './brief-templates-store';
import { useProjectsStore } from '../state/projects-store';

const brief = BriefSchema.parse({ task: 'x' });

function template(id: string, name: string): BriefTemplate {
  return { id, name, brief, createdAt: '2025-01-01T00:00:00.000Z' };
}

beforeEach(() => {
  useBriefTemplatesStore.setState({ templates: null });
  useProjectsStore.setState({ projects: [makeProject()], selectedId: 'p1' });
});

describe('brief actions', () => {
  it('keeps the template store in step with list, save and delete', async () => {
    const bridge = new FakeBridge()
      .handle('briefs.templates.list', () => ok([template('b', 'Zeta'), template('a', 'Alpha')]))
      .handle('briefs.templates.save', (request) => ok(template('c', request.name)))
      .handle('briefs.templates.delete', () => ok({ deleted: true }));
    const actions = createBriefActions(bridge);

    await actions.loadTemplates();
    expect(useBriefTemplatesStore.getState().templates?.map((t) => t.name)).toEqual(['Alpha', 'Zeta']);
    await actions.saveTemplate('Middle', brief);
    expect(useBriefTemplatesStore.getState().templates?.map((t) => t.name)).toEqual(['Alpha', 'Middle', 'Zeta']);
    expect(bridge.calls.at(-1)).toEqual({ channel: 'briefs.templates.save', request: { name: 'Middle', brief } });
    await actions.deleteTemplate('a');
    expect(useBriefTemplatesStore.getState().templates?.map((t) => t.id)).toEqual(['c', 'b']);
  });

  it('updates the project after setting its prompt template, and leaves it alone on failure', async () => {
    const bridge = new FakeBridge().handle('projects.setPromptTemplate', (request) =>
      request.template === 'bad'
        ? { ok: false, error: { kind: 'invalid-request', message: 'line 1: …' } }
        : ok(makeProject({ promptTemplate: request.template })),
    );
    const actions = createBriefActions(bridge);
    expect((await actions.setPromptTemplate('p1', 'bad')).ok).toBe(false);
    expect(useProjectsStore.getState().projects[0]?.promptTemplate).toBeNull();
    await actions.setPromptTemplate('p1', '{{task}}');
    expect(useProjectsStore.getState().projects[0]?.promptTemplate).toBe('{{task}}');
  });
});
