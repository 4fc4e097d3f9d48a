import { z } from 'zod';

/** A domain's slice of the contract: each of its channels with request and response schemas. */
export type ContractOf<C extends string> = Record<C, { request: z.ZodType; response: z.ZodType }>;

export const Empty = z.object({}).strict();
export const ThreadRef = z.object({ threadId: z.string().min(1) }).strict();
export const ProjectRef = z.object({ projectId: z.string().min(1) }).strict();
