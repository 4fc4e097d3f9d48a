import { create } from 'zustand';
import type { BriefTemplate } from '../../shared/brief';

export interface BriefTemplatesState {
  /** Null until first loaded. */
  templates: BriefTemplate[] | null;
  replaceAll(templates: BriefTemplate[]): void;
  upsert(template: BriefTemplate): void;
  remove(id: string): void;
}

function byName(templates: BriefTemplate[]): BriefTemplate[] {
  return [...templates].sort((a, b) => a.name.localeCompare(b.name));
}

/** Saved brief templates, shared by every form that offers them. */
export const useBriefTemplatesStore = create<BriefTemplatesState>()((set) => ({
  templates: null,
  replaceAll: (templates) => set({ templates: byName(templates) }),
  upsert: (template) =>
    set((state) => ({ templates: byName([...(state.templates ?? []).filter((t) => t.id !== template.id), template]) })),
  remove: (id) => set((state) => ({ templates: (state.templates ?? []).filter((t) => t.id !== id) })),
}));
