import { z } from 'zod';
import { ProjectSchema, ThreadSchema } from '../models';
import { type ContractGroup, Empty } from './common';

/** `demo.*`: a sample project with demo agents, for a first run without a repository or an agent. */
export const demoContract = {
  requests: {
    'demo.start': {
      request: Empty,
      response: z.object({ project: ProjectSchema, threads: z.array(ThreadSchema) }),
    },
  },
  events: {},
} as const satisfies ContractGroup<'demo'>;
