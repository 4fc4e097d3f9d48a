export interface TemplateValues {
  readonly prompt: string;
  readonly cwd: string;
  readonly scenario: string;
}

/**
 * Fills {prompt}/{cwd}/{scenario} inside each argument. The result stays an argv array: a
 * prompt full of quotes or `$(…)` is one argument and never meets a shell.
 */
export function fillArgv(template: readonly string[], values: TemplateValues): string[] {
  return template.map((arg) =>
    arg.replace(/\{(prompt|cwd|scenario)\}/g, (_match, key: keyof TemplateValues) => values[key]),
  );
}
