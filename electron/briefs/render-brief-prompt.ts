import type { Brief } from '../../shared/brief';

export interface BriefPromptView {
  readonly threadName: string;
  readonly branch: string;
  readonly baseBranch: string;
  /** What the dispatcher typed as the prompt, shown alongside the brief. */
  readonly prompt: string;
  readonly brief: Brief;
  readonly changelogPath: string;
}

/** The agent's first prompt, rendered from the brief with the project's template (or the built-in one). */
export function renderBriefPrompt(_template: string | null, view: BriefPromptView): string {
  // Placeholder until the brief template renderer lands (worker-briefs work in progress).
  return [view.brief.task, view.prompt].filter(Boolean).join('\n\n');
}
