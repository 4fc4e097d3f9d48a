/**
 * An agent profile is data: which binary, how the prompt is passed, how it runs headless, which
 * approval modes it offers, and what on screen means "waiting for you". Placeholders in argv
 * templates: {prompt}, {cwd}, {scenario}, {promptFile} (the prompt written to a temporary file).
 */
export interface AgentProfile {
  readonly id: string;
  readonly label: string;
  /** Name looked up on PATH, or an absolute path. */
  readonly binary: string;
  /** Arguments always passed in an interactive session. */
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
  /** The one-shot run (`claude -p`, `codex exec` …); null for tools that only run interactively. */
  readonly headless: HeadlessVariant | null;
  /** What the agent may do without asking. Never empty; the first is the safe default. */
  readonly approvalModes: readonly ApprovalMode[];
  readonly takesCommand: boolean;
  readonly takesScenario: boolean;
  /** Defined by the user (stored with the app state) rather than built in. */
  readonly custom: boolean;
}

export type AgentMode = 'interactive' | 'headless';

/** How a tool runs once, without a live session: its own base arguments, prompt and resume forms. */
export interface HeadlessVariant {
  /** Replace the profile's interactive `args`. */
  readonly args: readonly string[];
  /** A headless run always needs a prompt, so these are never left out. */
  readonly promptArgs: readonly string[];
  /** Continue the last session headless (a follow-up message goes with it); null: run again as created. */
  readonly resumeArgs: readonly string[] | null;
}

export interface ApprovalMode {
  readonly id: string;
  /** Says what the agent may do, e.g. "Accept edits, ask before commands". */
  readonly label: string;
  /** Added to an interactive session's argv. */
  readonly args: readonly string[];
  /** Added to a headless run's argv (differs where a flag is interactive-only, e.g. codex `-a`). */
  readonly headlessArgs: readonly string[];
  /** The agent acts without asking: the UI warns and the thread carries a badge. */
  readonly bypass: boolean;
}

/** Builds an approval mode whose flags are the same in both modes unless told otherwise. */
export function approvalMode(
  id: string,
  label: string,
  args: readonly string[],
  options: { bypass?: boolean; headlessArgs?: readonly string[] } = {},
): ApprovalMode {
  return { id, label, args, headlessArgs: options.headlessArgs ?? args, bypass: options.bypass ?? false };
}

/** For tools with no approval switch: whatever the tool itself does. */
export const toolDefaultApprovalModes: readonly ApprovalMode[] = [
  approvalMode('default', "The tool's own behaviour", []),
];

/** The ways a profile can run: always a live session, and a one-shot run where the tool has one. */
export function modesOf(profile: AgentProfile): AgentMode[] {
  return profile.headless ? ['interactive', 'headless'] : ['interactive'];
}
