import type { plansContract } from '../../../shared/contract/plans';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** Plans in the app: all through the plan service (plans/plan-service.ts). */
export function planHandlers({ plans }: HandlerDeps): HandlersOf<typeof plansContract> {
  return {
    'plans.check': ({ projectId, text }) => plans.check(projectId, text),
    'plans.dryRun': ({ projectId, text }) => plans.dryRun(projectId, text),
    'plans.run': ({ projectId, text }) => plans.run(projectId, text),
    'plans.stop': ({ runId }) => plans.stop(runId),
    'plans.rollback': ({ runId, force }) => plans.rollback(runId, force),
    'plans.list': ({ projectId }) => plans.list(projectId),
    'plans.read': ({ projectId, path }) => plans.read(projectId, path),
    'plans.save': ({ projectId, name, path, text }) => plans.save(projectId, name, path, text),
    'plans.fromChecklist': ({ projectId, markdown }) => plans.fromChecklist(projectId, markdown),
    'plans.runs': () => plans.listRuns(),
    'plans.gate': ({ runId, task, decision, text }) => plans.gate(runId, task, decision, text),
  };
}
