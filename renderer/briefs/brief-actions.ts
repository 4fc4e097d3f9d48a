import type { Brief, BriefTemplate } from '../../shared/brief';
import type { RequestOf, ResponseOf, Result, SwitchyardBridge } from '../../shared/contract';
import type { Project } from '../../shared/models';
import { getBridge } from '../transport/bridge';
import { useBriefTemplatesStore } from './brief-templates-store';
import { useProjectsStore } from '../state/projects-store';

/** The brief-related requests, with the store updates that follow success. */
export function createBriefActions(bridge: SwitchyardBridge) {
  const templates = () => useBriefTemplatesStore.getState();

  return {
    previewPrompt(request: RequestOf<'briefs.preview'>): Promise<Result<ResponseOf<'briefs.preview'>>> {
      return bridge.invoke('briefs.preview', request);
    },

    defaultPromptTemplate(): Promise<Result<ResponseOf<'briefs.promptTemplate.default'>>> {
      return bridge.invoke('briefs.promptTemplate.default', {});
    },

    /** Null `template` goes back to the built-in one. */
    async setPromptTemplate(projectId: string, template: string | null): Promise<Result<Project>> {
      const result = await bridge.invoke('projects.setPromptTemplate', { projectId, template });
      if (result.ok) useProjectsStore.getState().upsert(result.value);
      return result;
    },

    async loadTemplates(): Promise<Result<BriefTemplate[]>> {
      const result = await bridge.invoke('briefs.templates.list', {});
      if (result.ok) templates().replaceAll(result.value);
      return result;
    },

    async saveTemplate(name: string, brief: Brief, id?: string): Promise<Result<BriefTemplate>> {
      const result = await bridge.invoke('briefs.templates.save', { name, brief, ...(id ? { id } : {}) });
      if (result.ok) templates().upsert(result.value);
      return result;
    },

    async deleteTemplate(id: string): Promise<Result<{ deleted: boolean }>> {
      const result = await bridge.invoke('briefs.templates.delete', { id });
      if (result.ok) templates().remove(id);
      return result;
    },
  };
}

export type BriefActions = ReturnType<typeof createBriefActions>;

let briefActions: BriefActions | null = null;

export function getBriefActions(): BriefActions {
  briefActions ??= createBriefActions(getBridge());
  return briefActions;
}
