import type { Project, Thread } from '../../shared/models';
import { hookEnv } from '../hooks/hook-protocol';
import type { AgentCommand } from './agent-launch';
import { threadEnvironment } from './agent-environment';
import type { LaunchPlan, LaunchStep } from './thread-runtime';
import { portBlockSize } from './port-allocator';

export interface PlanOptions {
  readonly project: Project;
  readonly thread: Thread;
  readonly command: AgentCommand;
  readonly cols: number;
  readonly rows: number;
  /** Runs the project's setup command first (new worktrees only, not on resume). */
  readonly withSetup: boolean;
  readonly banner?: string | undefined;
  /** Where Claude Code hooks report, when the hook server runs. */
  readonly hooks?: HookEndpoint | null;
}

export interface HookEndpoint {
  readonly url: string;
  /** The token of one thread: it lets that thread's relay report for that thread alone. */
  readonly tokenFor: (threadId: string) => string;
}

/** The thread's own variables: who it is and which ports are its to use. */
function threadVariables(thread: Thread, hooks: HookEndpoint | null): Record<string, string> {
  const vars: Record<string, string> = { SWITCHYARD_THREAD: thread.id, SWITCHYARD_BRANCH: thread.branch };
  if (hooks) {
    vars[hookEnv.url] = hooks.url;
    vars[hookEnv.token] = hooks.tokenFor(thread.id);
  }
  if (thread.portBase !== null) {
    vars.PORT = String(thread.portBase);
    vars.SWITCHYARD_PORT_BASE = String(thread.portBase);
    vars.SWITCHYARD_PORT_COUNT = String(portBlockSize);
  }
  return vars;
}

export function buildLaunchPlan(options: PlanOptions): LaunchPlan {
  const { project, thread, command } = options;
  const variables = threadVariables(thread, options.hooks ?? null);
  const steps: LaunchStep[] = [];
  const [setupFile, ...setupArgs] = project.setupCommand ?? [];
  if (options.withSetup && setupFile) {
    steps.push({
      kind: 'setup',
      banner: `$ ${[setupFile, ...setupArgs].join(' ')}`,
      file: setupFile,
      args: setupArgs,
      env: threadEnvironment(process.env, {}, variables),
      typedPrompt: null,
      needsInputPatterns: [],
      profileId: 'setup',
    });
  }
  steps.push({
    kind: 'agent',
    banner: null,
    file: command.file,
    args: command.args,
    env: threadEnvironment(process.env, command.env, variables),
    typedPrompt: command.typedPrompt,
    needsInputPatterns: command.profile.needsInputPatterns,
    profileId: command.profile.id,
  });
  // The intro (files copied, "resumed") goes before whatever runs first.
  const [first] = steps;
  if (first && options.banner)
    steps[0] = { ...first, banner: [options.banner, first.banner].filter(Boolean).join('\r\n') };
  return { threadId: thread.id, cwd: thread.worktreePath, steps, cols: options.cols, rows: options.rows };
}
