import type { coreRequestChannels } from '../../../shared/channels/core';
import { AppError } from '../../../shared/errors';
import { startDemo } from '../../demo/demo-project';
import type { DomainHandlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';

/** Channel → service call. Requests arrive here already validated by the dispatcher. */
export function coreHandlers({
  options,
  state,
  projects,
  threads,
  agents,
}: HandlerDeps): DomainHandlers<typeof coreRequestChannels> {
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
    }),
    'projects.list': () => projects.list(),
    'projects.open': ({ path }) => projects.open(path),
    'projects.pickFolder': async () => {
      if (!options.host.pickFolder) {
        throw new AppError('unsupported', 'This window cannot show a folder picker; type the repository path instead.');
      }
      return { path: await options.host.pickFolder() };
    },
    'projects.branches': ({ projectId }) => projects.branches(projectId),
    'projects.setWorktreeRoot': ({ projectId, worktreeRoot }) => projects.setWorktreeRoot(projectId, worktreeRoot),
    'profiles.list': () => agents.describeAll(),
    'threads.list': () => threads.list(),
    'threads.create': (request) => threads.create(request),
    'threads.stop': ({ threadId }) => threads.stop(threadId),
    'threads.remove': ({ threadId, discard }) => threads.remove(threadId, discard),
    'terminal.input': ({ threadId, data }) => ({ accepted: threads.input(threadId, data) }),
    'terminal.resize': ({ threadId, cols, rows }) => ({ resized: threads.resize(threadId, cols, rows) }),
    'merge.run': ({ threadId }) => threads.merge(threadId),
    'demo.start': () => startDemo(options.dataDir, projects, threads),
  };
}
