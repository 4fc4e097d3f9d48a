import type { RequestChannel, RequestOf, ResponseOf, Result } from '../../shared/contract';
import { getBridge } from '../transport/bridge';

function invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return getBridge().invoke(channel, request);
}

/** The plans group's requests (shared/contract/plans.ts); runs also come back as `plan.run` events. */
export const plansApi = {
  check: (projectId: string, text: string) => invoke('plans.check', { projectId, text }),
  dryRun: (projectId: string, text: string) => invoke('plans.dryRun', { projectId, text }),
  run: (projectId: string, text: string) => invoke('plans.run', { projectId, text }),
  stop: (runId: string) => invoke('plans.stop', { runId }),
  rollback: (runId: string, force = false) => invoke('plans.rollback', { runId, force }),
  list: (projectId: string) => invoke('plans.list', { projectId }),
  read: (projectId: string, path: string) => invoke('plans.read', { projectId, path }),
  save: (projectId: string, name: string, text: string, path?: string) =>
    invoke('plans.save', { projectId, name, text, ...(path ? { path } : {}) }),
  fromChecklist: (projectId: string, markdown: string) => invoke('plans.fromChecklist', { projectId, markdown }),
  gate: (runId: string, task: string, decision: 'approve' | 'request-changes', text?: string) =>
    invoke('plans.gate', { runId, task, decision, ...(text ? { text } : {}) }),
};
