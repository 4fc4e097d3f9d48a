import type { PlanInput } from '../../shared/plan';

/** One `- [ ] text` (or `* [ ]`, `+ [ ]`) line of a Markdown checklist; ticked items are done, not tasks. */
const openItem = /^\s*[-*+]\s+\[ \]\s+(.+?)\s*$/;

/**
 * A plan started from a Markdown checklist: one task per unticked `- [ ]` line, named from its
 * text (lowercase words joined by dashes, made unique) with the text as the brief's task. The
 * rest — owned paths, dependencies, the agent — is left for the dispatcher to fill in; the check
 * then says what is missing.
 */
export function planFromChecklist(markdown: string, base: string): PlanInput {
  const taken = new Set<string>();
  const tasks = markdown
    .split(/\r?\n/)
    .map((line) => openItem.exec(line)?.[1])
    .filter((text): text is string => Boolean(text))
    .map((text) => ({ name: uniqueName(taskNameFrom(text), taken), brief: { task: text }, dependsOn: [] }));
  return { base, agent: { profile: 'claude' }, tasks };
}

/** "Add the **login** form (UI)" → "add-the-login-form-ui": at most 40 characters, cut at a word. */
export function taskNameFrom(text: string): string {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let name = '';
  for (const word of words) {
    const next = name ? `${name}-${word}` : word;
    if (next.length > 40) break;
    name = next;
  }
  return name || (words[0]?.slice(0, 40) ?? '') || 'task';
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let k = 2; taken.has(candidate); k++) candidate = `${name}-${k}`;
  taken.add(candidate);
  return candidate;
}
