import { create } from 'zustand';
import type { Project } from '../../shared/models';
import { readPreference, writePreference } from './local-preference';

const selectedProjectKey = 'switchyard.selectedProject';

export interface ProjectsState {
  projects: Project[];
  selectedId: string | null;
  replaceAll(projects: Project[]): void;
  upsert(project: Project): void;
  select(projectId: string | null): void;
}

/** Alphabetical, so the selector reads like a list of folders. */
export function sortProjects(projects: Project[]): Project[] {
  return [...projects].sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
}

/** Keep the selection if still valid; else the project picked last time; else the most recently opened. */
export function chooseProject(projects: Project[], current: string | null, remembered: string | null): string | null {
  if (current && projects.some((p) => p.id === current)) return current;
  if (remembered && projects.some((p) => p.id === remembered)) return remembered;
  const newest = [...projects].sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
  return newest ? newest.id : null;
}

export const useProjectsStore = create<ProjectsState>()((set) => ({
  projects: [],
  selectedId: null,

  replaceAll(projects) {
    set((state) => ({
      projects: sortProjects(projects),
      selectedId: chooseProject(projects, state.selectedId, readPreference(selectedProjectKey)),
    }));
  },

  upsert(project) {
    set((state) => ({
      projects: sortProjects([...state.projects.filter((p) => p.id !== project.id), project]),
    }));
  },

  select(projectId) {
    writePreference(selectedProjectKey, projectId);
    set({ selectedId: projectId });
  },
}));

export function selectedProject(state: ProjectsState): Project | null {
  return state.projects.find((p) => p.id === state.selectedId) ?? null;
}
