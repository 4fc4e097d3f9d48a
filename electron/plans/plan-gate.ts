import type { AgentProfile } from '../agents/profile';

/**
 * The "plan first" gate of a plan task in the app (issue 14): the agent is asked for its plan
 * before it may change files; its first turn's end means the plan is ready for review; the
 * dispatcher's Approve lets it implement, Request changes sends it back to planning.
 */
export type GateState = 'planning' | 'plan-ready' | 'approved';

/** Where a task's gate starts: null when the task has none. */
export function initialGate(planFirst: boolean | undefined): GateState | null {
  return planFirst ? 'planning' : null;
}

/** The agent ended a turn (idle at its prompt, or asking): while planning, that is its plan, ready. */
export function gateAfterTurn(state: GateState | null): GateState | null {
  return state === 'planning' ? 'plan-ready' : state;
}

/** The dispatcher's decision on the plan; refused unless a plan is ready. */
export function gateAfterDecision(
  state: GateState | null,
  decision: 'approve' | 'request-changes',
): { readonly state: GateState } | { readonly refused: string } {
  if (state !== 'plan-ready') {
    return {
      refused:
        state === null
          ? 'This task has no "plan first" gate.'
          : state === 'planning'
            ? 'The agent has not finished its plan yet; wait for "plan ready for review".'
            : 'Its plan is already approved.',
    };
  }
  return { state: decision === 'approve' ? 'approved' : 'planning' };
}

/** A turn that ends while the gate holds does not end the task. */
export function gateHolds(state: GateState | null): boolean {
  return state === 'planning' || state === 'plan-ready';
}

/** The approval mode id of a tool's own plan mode (Claude Code's `--permission-mode plan`, Gemini's `--approval-mode plan`). */
export const planApprovalMode = 'plan';

/** Tools with a plan mode of their own are started in it; the others are asked in words. */
export function hasPlanMode(profile: Pick<AgentProfile, 'approvalModes'>): boolean {
  return profile.approvalModes.some((mode) => mode.id === planApprovalMode);
}

/** Put before the brief for tools without a plan mode: plan, write it down, stop. */
export const planFirstInstruction =
  'Plan first: before changing any file, write your plan for this task to .switchyard/plan.md, then stop and wait. ' +
  'Do not change anything else until you are told the plan is approved.';

/** What a tool without a plan mode is sent once its plan is approved. */
export const planApprovedMessage = 'Plan approved: implement it.';
