import type { appContract } from '../../../shared/contract/app';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function appHandlers({ options, state, startReport }: HandlerDeps): HandlersOf<typeof appContract> {
  return {
    'app.info': () => ({
      version: options.version,
      host: options.host.kind,
      dataDir: options.dataDir,
      platform: process.platform,
      firstRun: state.projects().length === 0,
      canPickFolder: Boolean(options.host.pickFolder),
      stateProblem: state.loadReport.problem
        ? `${state.loadReport.problem} ${state.loadReport.recoveredFrom === 'backup' ? 'The previous good copy was loaded.' : 'Switchyard started with empty state.'}`
        : null,
      startReport,
    }),
  };
}
