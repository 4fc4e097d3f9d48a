import { z } from 'zod';

/** A request channel's schemas: what the renderer sends, what it gets back. */
export interface RequestSchemas {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/**
 * One group of the contract: every channel named `<prefix>.…` (requests) and every event named
 * `<eventPrefix>.…`, each declared once, here and nowhere else. The prefixes are checked: a channel
 * put in the wrong group does not compile.
 */
export interface ContractGroup<Prefix extends string, EventPrefix extends string = never> {
  readonly requests: { readonly [C in `${Prefix}.${string}`]: RequestSchemas };
  readonly events: { readonly [E in `${EventPrefix}.${string}`]: z.ZodType };
}

export const Empty = z.object({}).strict();
export const ThreadRef = z.object({ threadId: z.string().min(1) }).strict();
export const ProjectRef = z.object({ projectId: z.string().min(1) }).strict();
