/**
 * An agent profile is data: which binary, how the prompt is passed, and what on screen means
 * "waiting for you". Placeholders in argv templates: {prompt}, {cwd}, {scenario}.
 */
export interface AgentProfile {
  readonly id: string;
  readonly label: string;
  /** Name looked up on PATH, or an absolute path. */
  readonly binary: string;
  /** Arguments always passed. */
  readonly args: readonly string[];
  /** Arguments that carry the prompt; left out entirely when the prompt is empty. */
  readonly promptArgs: readonly string[];
  /** Tools that take the prompt only as typed input get it written into the terminal once it is up. */
  readonly promptDelivery: 'argv' | 'typed';
  readonly versionArgs: readonly string[] | null;
  readonly env: Readonly<Record<string, string>>;
  /** Regular expressions matched against the last lines on screen when output goes quiet. */
  readonly needsInputPatterns: readonly string[];
  readonly installHint: string | null;
  /** Arguments that continue the agent's last session in this folder (e.g. `-c`); null: start it again as created. */
  readonly resumeArgs: readonly string[] | null;
  readonly takesCommand: boolean;
  readonly takesScenario: boolean;
}

/** Prompts every interactive CLI tends to show when it waits for a decision. */
export const commonNeedsInputPatterns: readonly string[] = [
  String.raw`\((?:y/n|Y/n|y/N)\)\s*$`,
  String.raw`\[(?:y/n|Y/n|y/N)\]\s*$`,
  String.raw`\[\(y\)es, \(n\)o\]`,
  String.raw`Do you trust the files in this folder\?`,
  String.raw`Press enter to continue`,
  String.raw`Do you want to (?:proceed|make this edit|create|run)`,
  String.raw`❯\s*1\.\s*Yes`,
];
