export interface TemplateValues {
  readonly prompt: string;
  readonly cwd: string;
  readonly scenario: string;
  /** Path of the file holding the prompt; only written when a template asks for it. */
  readonly promptFile?: string;
}

const placeholder = /\{(prompt|cwd|scenario|promptFile)\}/g;

/**
 * Fills {prompt}/{cwd}/{scenario}/{promptFile} inside each argument. The result stays an argv
 * array: a prompt full of quotes or `$(…)` is one argument and never meets a shell. A placeholder
 * without a value is left as written.
 */
export function fillArgv(template: readonly string[], values: TemplateValues): string[] {
  return template.map((arg) => arg.replace(placeholder, (match, key: keyof TemplateValues) => values[key] ?? match));
}

/** Whether any argument asks for the prompt in a file, so the file is written only when needed. */
export function usesPromptFile(template: readonly string[]): boolean {
  return template.some((arg) => arg.includes('{promptFile}'));
}

/** Whether any argument carries the prompt, in place or as a file. */
export function carriesPrompt(template: readonly string[]): boolean {
  return template.some((arg) => arg.includes('{prompt}') || arg.includes('{promptFile}'));
}
