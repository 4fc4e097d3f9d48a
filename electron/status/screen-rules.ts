/**
 * What each agent CLI's screen looks like when it waits for you, works, sits ready for a prompt or
 * has failed — as data, read off the real tools' screens (fixtures/ beside this file holds them).
 *
 * How rules are applied (classify-screen.ts): on the visible screen, needs-input rules win over
 * working rules, which win over idle rules; within a state, the profile's own rules come before the
 * generic ones. `failed` rules are read only when the program has exited, to name the reason.
 */

export type ScreenState = 'needs-input' | 'idle' | 'failed' | 'working';

export interface ScreenRule {
  readonly state: ScreenState;
  /** A RegExp source, matched against each logical line of the screen (soft-wrapped rows joined). */
  readonly pattern: string;
  /** RegExp flags, e.g. 'i'. */
  readonly flags?: string;
  /**
   * Where the pattern must be: anywhere on the visible screen (default; dialogs of full-screen
   * TUIs), on the line holding the cursor (a line-oriented prompt such as "(y/n) " that is still
   * being asked), or among the last three non-empty lines.
   */
  readonly where?: 'screen' | 'cursor-line' | 'bottom';
  /**
   * The reason shown with the state. Placeholders: {line} the matched line without its frame,
   * {question} the nearest line at or above the match that asks something (ends in "?"), {1}… the
   * pattern's groups. Null: the state says it all (e.g. a plain spinner).
   */
  readonly reason: string | null;
  /**
   * Written by the user (a custom profile's patterns), so it may backtrack catastrophically: it is
   * only ever run in the regex sandbox (user-patterns.ts), never on the main thread. Only
   * `needs-input` rules may be.
   */
  readonly userSupplied?: boolean;
}

const asks = 'asks: {question}';
const readyForPrompt = 'ready for a prompt';

/** Used for every profile, custom ones included, after the profile's own rules. */
export const genericRules: readonly ScreenRule[] = [
  {
    state: 'needs-input',
    pattern: String.raw`[([](?:y/n|Y/n|y/N|yes/no)[)\]]\s*[:?]?\s*$`,
    where: 'cursor-line',
    reason: asks,
  },
  { state: 'needs-input', pattern: String.raw`\[\(y\)es, \(n\)o\]:?\s*$`, where: 'cursor-line', reason: asks },
  { state: 'needs-input', pattern: String.raw`\(Y\)es/\(N\)o`, where: 'cursor-line', reason: asks },
  {
    state: 'needs-input',
    pattern: String.raw`Do you trust the (?:files|contents) (?:in|of) this (?:folder|directory)\?`,
    reason: asks,
  },
  {
    state: 'needs-input',
    pattern: String.raw`Do you want to (?:proceed|make this edit|create|run|allow)`,
    reason: asks,
  },
  { state: 'needs-input', pattern: String.raw`Press enter to continue`, flags: 'i', reason: asks },
  { state: 'needs-input', pattern: String.raw`❯\s*1\.\s*Yes`, reason: asks },
  {
    state: 'needs-input',
    pattern: String.raw`Waiting for (?:user )?(?:confirmation|approval)`,
    flags: 'i',
    reason: asks,
  },
  // Spinners of Claude Code, Codex, Gemini, Qwen, Amp, OpenCode all offer to interrupt while working.
  { state: 'working', pattern: String.raw`\besc (?:to )?(?:interrupt|cancel)\b`, flags: 'i', reason: null },
  { state: 'failed', pattern: String.raw`^(?:error|fatal)\b.*`, flags: 'i', where: 'bottom', reason: '{line}' },
  {
    state: 'failed',
    pattern: String.raw`\b(?:error|failed|unable to|cannot|can't|could not|not logged in|permission denied|exception|panic)\b`,
    flags: 'i',
    reason: '{line}',
  },
];

const signInRequired = 'sign-in required';

/** Keyed by profile id. Profiles not listed (custom ones) get the generic rules alone. */
export const profileRules: Readonly<Record<string, readonly ScreenRule[]>> = {
  claude: [
    { state: 'failed', pattern: String.raw`Unable to connect to Anthropic services`, reason: '{line}' },
    { state: 'failed', pattern: String.raw`Not logged in`, reason: '{line}' },
    {
      state: 'needs-input',
      pattern: String.raw`Select login method|Missing API key|Please run /login`,
      reason: signInRequired,
    },
    {
      state: 'needs-input',
      pattern: String.raw`Choose the text style that looks best`,
      reason: 'first-run setup: {line}',
    },
    { state: 'needs-input', pattern: String.raw`Do you want to (?:proceed|make this edit|create|allow)`, reason: asks },
    { state: 'working', pattern: String.raw`esc to interrupt`, flags: 'i', reason: null },
    { state: 'idle', pattern: String.raw`\? for shortcuts`, reason: 'waiting for your next prompt' },
  ],
  codex: [
    {
      state: 'needs-input',
      pattern: String.raw`Choose how you want to use Codex|Sign in with ChatGPT|Finish signing in`,
      reason: signInRequired,
    },
    {
      state: 'needs-input',
      pattern: String.raw`Would you like to (?:run the following command|make the following edits|allow)|Allow command\?`,
      reason: asks,
    },
    { state: 'working', pattern: String.raw`Reconnecting\.\.\.\s*(.*)`, reason: 'retrying: {line}' },
    { state: 'working', pattern: String.raw`esc to interrupt`, flags: 'i', reason: null },
    { state: 'idle', pattern: String.raw`Ask Codex to do anything|\? for shortcuts`, reason: readyForPrompt },
  ],
  gemini: [
    {
      state: 'failed',
      pattern: String.raw`Please set an Auth method`,
      reason: `${signInRequired}: no auth method set`,
    },
    { state: 'needs-input', pattern: String.raw`How would you like to authenticate`, reason: signInRequired },
    {
      state: 'needs-input',
      pattern: String.raw`Apply this change\?|Allow execution|Waiting for user confirmation`,
      reason: asks,
    },
    { state: 'working', pattern: String.raw`esc to cancel`, flags: 'i', reason: null },
    { state: 'idle', pattern: String.raw`Type your message or @path`, reason: readyForPrompt },
  ],
  qwen: [
    {
      state: 'failed',
      pattern: String.raw`No auth type is selected`,
      reason: `${signInRequired}: no auth type selected`,
    },
    {
      state: 'needs-input',
      pattern: String.raw`Select Authentication Method`,
      reason: `${signInRequired}: pick a provider`,
    },
    {
      state: 'needs-input',
      pattern: String.raw`Apply this change\?|Allow execution|Waiting for user confirmation`,
      reason: asks,
    },
    { state: 'working', pattern: String.raw`esc to cancel`, flags: 'i', reason: null },
    { state: 'idle', pattern: String.raw`Type your message or @path`, reason: readyForPrompt },
  ],
  opencode: [
    { state: 'needs-input', pattern: String.raw`Permission required`, reason: asks },
    {
      state: 'working',
      pattern: String.raw`(Cannot connect to API[^[]*?)\s*\[retrying`,
      reason: 'retrying: {1}',
    },
    { state: 'working', pattern: String.raw`esc interrupt`, reason: null },
    { state: 'idle', pattern: String.raw`Ask anything`, reason: readyForPrompt },
  ],
  amp: [
    { state: 'needs-input', pattern: String.raw`Would you like to log in to Amp\?`, reason: signInRequired },
    {
      state: 'needs-input',
      pattern: String.raw`Paste your code here|Enter (?:the|your) (?:login )?code`,
      reason: signInRequired,
    },
    { state: 'needs-input', pattern: String.raw`Waiting for approval|Approve\?|Allow\?`, reason: asks },
    { state: 'working', pattern: String.raw`Esc to cancel`, flags: 'i', reason: null },
  ],
  aider: [
    { state: 'needs-input', pattern: String.raw`\(Y\)es/\(N\)o`, where: 'cursor-line', reason: asks },
    { state: 'idle', pattern: String.raw`^(?:[a-z-]+)?>\s*$`, where: 'cursor-line', reason: readyForPrompt },
  ],
  demo: [
    { state: 'needs-input', pattern: String.raw`^\? .*\(y/n\)\s*$`, where: 'cursor-line', reason: 'asks: {line}' },
  ],
  shell: [{ state: 'idle', pattern: String.raw`[$#%❯]\s*$`, where: 'cursor-line', reason: 'ready for a command' }],
};

/** The rules a profile's screen is read with: its own first, then the generic ones. */
export function rulesFor(profileId: string | null): readonly ScreenRule[] {
  const own = profileId !== null && Object.hasOwn(profileRules, profileId) ? profileRules[profileId] : undefined;
  return [...(own ?? []), ...genericRules];
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

/**
 * A profile's legacy `needsInputPatterns` as rules over the last lines on screen. The common
 * patterns built-in profiles share are ours; any other came from a custom profile.
 */
export function rulesFromPatterns(patterns: readonly string[]): ScreenRule[] {
  return patterns.map((pattern) => ({
    state: 'needs-input',
    pattern,
    where: 'bottom',
    reason: 'asks: {line}',
    ...(commonNeedsInputPatterns.includes(pattern) ? {} : { userSupplied: true }),
  }));
}
