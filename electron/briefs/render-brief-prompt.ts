import type { Brief } from '../../shared/brief';
import { defaultPromptTemplate } from './default-prompt-template';
import Mustache from 'mustache';
import { parsePromptTemplate } from './prompt-template-check';

/** A thread the brief builds on, as the prompt names it. */
export interface BriefDependency {
  readonly id: string;
  readonly name: string;
  readonly branch: string;
}

export interface BriefPromptView {
  readonly threadName: string;
  readonly branch: string;
  readonly baseBranch: string;
  /** What the dispatcher typed as the prompt, shown alongside the brief. */
  readonly prompt: string;
  readonly brief: Brief;
  readonly changelogPath: string;
  /** The threads of `brief.dependsOn` (see resolveBriefDependencies); without them, ids stand in for names. */
  readonly dependencies?: readonly BriefDependency[];
}

/**
 * The agent's first prompt, rendered from the brief with the project's template (or the built-in
 * one). Throws `invalid-request` when the template does not parse or uses an unknown name.
 */
export function renderBriefPrompt(template: string | null, view: BriefPromptView): string {
  const source = template ?? defaultPromptTemplate;
  parsePromptTemplate(source);
  // Prompts are plain text: nothing is HTML-escaped.
  return Mustache.render(source, promptTemplateData(view), {}, { escape: (value: unknown) => String(value) });
}

/** The names a template sees; prompt-variables.ts documents each one. */
export function promptTemplateData(view: BriefPromptView) {
  const { brief } = view;
  return {
    threadName: view.threadName,
    branch: view.branch,
    baseBranch: view.baseBranch,
    task: brief.task.trim() || view.threadName,
    goal: brief.goal.trim(),
    prompt: view.prompt.trim(),
    ownedPaths: brief.ownedPaths,
    readablePaths: brief.readablePaths,
    forbiddenPaths: brief.forbiddenPaths,
    acceptanceCriteria: brief.acceptanceCriteria,
    verificationCommands: brief.verificationCommands,
    changelogPath: view.changelogPath,
    integrationRisk: brief.integrationRisk,
    dependencies: view.dependencies ?? brief.dependsOn.map((id) => ({ id, name: id, branch: '(unknown)' })),
  };
}
