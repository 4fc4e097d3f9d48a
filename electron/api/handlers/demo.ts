import type { demoContract } from '../../../shared/contract/demo';
import { startDemo } from '../../demo-project/demo-project';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

export function demoHandlers({ options, projects, threads }: HandlerDeps): HandlersOf<typeof demoContract> {
  return {
    'demo.start': () => startDemo(options.dataDir, projects, threads),
  };
}
