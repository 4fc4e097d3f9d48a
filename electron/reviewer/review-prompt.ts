import type { Brief } from '../../shared/brief';

/** The diff in the prompt is cut here: an agent's argv (and its context) cannot take any size. */
export const maxPromptDiffChars = 60_000;

/** The reviewer's whole prompt: the project's review prompt, the brief, then the diff (capped). */
export function reviewPrompt(prompt: string, brief: Brief | null, task: string, diff: string): string {
  const parts = [prompt.trim()];
  const briefText = brief ? JSON.stringify(brief, null, 2) : '';
  if (briefText || task.trim()) {
    parts.push(`## The brief\n${task.trim() ? `Task: ${task.trim()}\n` : ''}${briefText}`.trimEnd());
  }
  const cut = diff.length > maxPromptDiffChars;
  parts.push(
    `## The diff\n${cut ? diff.slice(0, maxPromptDiffChars) : diff}${cut ? '\n[… the diff was cut here; read the files for the rest …]' : ''}`,
  );
  return parts.join('\n\n');
}
