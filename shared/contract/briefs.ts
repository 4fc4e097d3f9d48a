import { z } from 'zod';
import { BriefSchema, BriefTemplateSchema } from '../brief';
import { type ContractGroup, Empty } from './common';
import { nameSchema } from '../display-name';

export const PromptTemplateVariableSchema = z.object({
  /** As written in a template, e.g. `ownedPaths` or `dependencies`. */
  name: z.string(),
  description: z.string(),
  /** Whether it is a list, to be repeated with `{{#name}}…{{/name}}`. */
  list: z.boolean(),
});
export type PromptTemplateVariable = z.infer<typeof PromptTemplateVariableSchema>;

/** `briefs.*`: worker briefs, the prompt templates that render them, saved brief templates. */
export const briefsContract = {
  requests: {
    /** The built-in template and the names a template may use, for the template editor. */
    'briefs.promptTemplate.default': {
      request: Empty,
      response: z.object({ template: z.string(), variables: z.array(PromptTemplateVariableSchema) }),
    },
    /** The first prompt a thread created with this brief would get, without creating anything. */
    'briefs.preview': {
      request: z
        .object({
          projectId: z.string().min(1),
          /** May still be empty while the form is being filled in. */
          name: z.string().trim().max(120),
          branch: z.string().max(255).optional(),
          baseBranch: z.string().max(255).optional(),
          prompt: z.string().max(100_000).default(''),
          brief: BriefSchema,
          /** Absent: the project's template; null: the built-in one; text: that template (editor preview). */
          template: z.string().max(100_000).nullable().optional(),
        })
        .strict(),
      response: z.object({ prompt: z.string() }),
    },
    'briefs.templates.list': { request: Empty, response: z.array(BriefTemplateSchema) },
    /** Saves a new template, or replaces the one with this id (or, without an id, the one with this name). */
    'briefs.templates.save': {
      request: z
        .object({
          name: nameSchema(120),
          brief: BriefSchema,
          id: z.string().min(1).optional(),
        })
        .strict(),
      response: BriefTemplateSchema,
    },
    'briefs.templates.delete': {
      request: z.object({ id: z.string().min(1) }).strict(),
      response: z.object({ deleted: z.boolean() }),
    },
  },
  events: {},
} as const satisfies ContractGroup<'briefs'>;
