import type { LaunchPlan, LaunchStep } from './thread-runtime';

/** The shell profile's id (agents/builtin-profiles.ts): a terminal for the dispatcher, not an agent. */
const plainShellProfile = 'shell';

/** Whether the step runs a plain shell, whose status comes from its terminal's foreground. */
export function isPlainShell(step: LaunchStep): boolean {
  return step.kind === 'agent' && step.profileId === plainShellProfile;
}

/**
 * Whether a thread takes one of the `maxRunningAgents` slots. A plain shell does not: it costs
 * nothing while it waits at its prompt, and a dozen open shells must not hold every agent back.
 */
export function holdsAgentSlot(plan: LaunchPlan): boolean {
  return !plan.steps.some(isPlainShell);
}

/** How many holders a queued thread's reason names before it only counts the rest. */
const namedHolders = 3;

/** Why a thread waits, naming the threads that hold the slots: `… (2 of 2 running: "A", "B")`. */
export function queuedReason(holderNames: readonly string[], limit: number): string {
  const named = holderNames.slice(0, namedHolders).map((name) => `"${name}"`);
  const rest = holderNames.length - named.length;
  const who = rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
  return `waiting for a free agent slot (${holderNames.length} of ${limit} running: ${who})`;
}
