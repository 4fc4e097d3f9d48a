import { z } from 'zod';
import { ProjectSchema } from '../models';
import { type ContractGroup, Empty, ProjectRef } from './common';

const PromptTemplateText = z.string().max(100_000);

/** `projects.*`: the repositories Switchyard works in and their per-project settings. */
export const projectsContract = {
  requests: {
    'projects.list': { request: Empty, response: z.array(ProjectSchema) },
    'projects.open': {
      request: z.object({ path: z.string().min(1).max(4096) }).strict(),
      response: ProjectSchema,
    },
    'projects.pickFolder': {
      request: Empty,
      response: z.object({ path: z.string().nullable() }),
    },
    'projects.branches': {
      request: ProjectRef,
      response: z.object({ current: z.string().nullable(), branches: z.array(z.string()) }),
    },
    'projects.setWorktreeRoot': {
      request: z.object({ projectId: z.string().min(1), worktreeRoot: z.string().min(1).max(4096) }).strict(),
      response: ProjectSchema,
    },
    'projects.setSetup': {
      request: z
        .object({
          projectId: z.string().min(1),
          /** argv run in each new worktree before the agent; null for none. */
          setupCommand: z.array(z.string().max(4096)).min(1).max(200).nullable(),
          /** Paths (relative to the repo) of git-ignored files to copy into new worktrees. */
          copyFiles: z.array(z.string().min(1).max(1000)).max(200),
        })
        .strict(),
      response: ProjectSchema,
    },
    /** Sets the template that turns a brief into the first prompt; null goes back to the built-in one. */
    'projects.setPromptTemplate': {
      request: z.object({ projectId: z.string().min(1), template: PromptTemplateText.nullable() }).strict(),
      response: ProjectSchema,
    },
  },
  events: {
    'project.updated': ProjectSchema,
  },
} as const satisfies ContractGroup<'projects', 'project'>;
