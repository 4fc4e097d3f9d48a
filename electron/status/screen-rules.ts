/**
 * What each agent CLI's screen looks like when it waits for you, works, sits ready for a prompt or
 * has failed — as data, read off the real tools' screens (fixtures/ beside this file holds them).
 *
 * How rules are applied (classify-screen.ts): on the visible screen, needs-input rules win over
 * working rules, which win over idle rules; within a state, the profile's own rules come before the
 * generic ones. `failed` rules are read only when the program has exited, to name the reason.
 */

/**
 * Besides the four plain states: `menu`, a selection menu or sign-in screen (needs input, but a
 * spinner on the same screen wins: the menu may be the agent's own echo); `retrying`, the agent
 * retrying a failing connection (working, stalled after a minute: status-tracker.ts);
 * `rate-limit-retry`, a retry after a 429 (rate-limited until the retry); `rate-limited`, a usage
 * or rate limit the agent stopped at (rate-limited until the reset it names; a spinner wins, for
 * the message stays in the transcript after the limit is over).
 */
export type ScreenState =
  'needs-input' | 'idle' | 'failed' | 'working' | 'menu' | 'retrying' | 'rate-limit-retry' | 'rate-limited';

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
   * {question} the nearest line at or above the match that asks something (ends in "?"), {near} the
   * line `near` matched, {1}… the pattern's groups. Null: the state says it all (e.g. a plain spinner).
   */
  readonly reason: string | null;
  /**
   * Written by the user (a custom profile's patterns), so it may backtrack catastrophically: it is
   * only ever run in the regex sandbox (user-patterns.ts), never on the main thread. Only
   * `needs-input` rules may be.
   */
  readonly userSupplied?: boolean;
  /**
   * Only a match with another line nearby matching this too (e.g. a highlighted choice and a second
   * option, or a "Select …" heading): `above`/`below` rows of the screen either side.
   */
  readonly near?: { readonly pattern: string; readonly flags?: string; readonly above: number; readonly below: number };
  /** Never on the line holding the cursor: there a marker such as "❯" is an input prompt, not a choice. */
  readonly notOnCursorLine?: boolean;
}

const asks = 'asks: {question}';
const signInRequired = 'sign-in required';
const readyForPrompt = 'ready for a prompt';

/** Line frames TUIs draw before a menu's options (box borders, a list's indent). */
const frame = String.raw`^[\s│┃║|]*`;
/** The mark a menu puts before its highlighted choice. */
const choiceMark = String.raw`(?:[●›❯>▶➤◉]|\(•\)|\(\*\))`;

/**
 * Usage limits, rate limits and retries, in the words of the real CLIs (sources beside each). The
 * time a rule's line names ("resets 3pm", "Retrying in 5 seconds") is read by reset-time.ts; a
 * line whose time has passed no longer counts (it stays in the transcript after the limit is over).
 */
const limitAndRetryRules: readonly ScreenRule[] = [
  // Claude Code at a subscription's limit, retrying: "Session limit reached · Retrying in 18s (9:13pm) ·
  // attempt 6/10" (recorded: fixtures/claude-session-limit-retry); older ones, retrying a 429: "API Error
  // (429 {…rate_limit_error…}) · Retrying in 5 seconds… (attempt 2/10)" (anthropics/claude-code issues
  // #2087, #6596); OpenCode's "Too Many Requests [retrying in 4s attempt #2]" (its retry messages are
  // the provider's own or "Too Many Requests" / "Provider is overloaded": packages/opencode/src/session/retry.ts,
  // read in the Kilo-Org/kilocode fork); the "Rate limited, retrying in 30s" of other CLIs.
  // (Claude Code 2.1 retries a plain 429 as "API error · Retrying in 15s · attempt 1/10": a retry below.)
  {
    state: 'rate-limit-retry',
    pattern: String.raw`(?:\b429\b|rate_limit_error|\bRate[ -]limit(?:ed)?\b|Too Many Requests|rate limit exceeded|\blimit reached\b).*?\bretrying in\b`,
    flags: 'i',
    reason: '{line}',
  },
  // Claude Code: "You've hit your session limit · resets 5:40pm (Europe/Berlin)" (issue #79136),
  // "You've hit your limit · resets 1:30am (Asia/Dhaka)" (#54698). Codex: "You've hit your usage limit.
  // … or try again at 3:28 PM." / "Try again later." (openai/codex codex-rs/core/src/error.rs).
  { state: 'rate-limited', pattern: String.raw`You(?:'|’)ve hit your (?:[\w-]+ )?limit\b`, reason: '{line}' },
  // Claude Code: "5-hour limit reached ∙ resets 3pm", "Claude usage limit reached. Your limit will reset
  // at 1pm (Etc/GMT+5)" and, in print mode, "Claude AI usage limit reached|1749924000" (#2087).
  {
    state: 'rate-limited',
    pattern: String.raw`\b(?:5-hour|weekly|session|daily|Opus|Sonnet|usage) limit reached\b(?! for)`,
    flags: 'i',
    reason: '{line}',
  },
  // Gemini CLI: "Usage limit reached for gemini-2.5-pro." then "Access resets at 3:45 PM PST."
  // (packages/cli/src/ui/hooks/useQuotaAndFallback.ts): the line with the time first.
  { state: 'rate-limited', pattern: String.raw`Access resets at \d`, reason: '{line}' },
  { state: 'rate-limited', pattern: String.raw`Usage limit reached for \S+`, reason: '{line}' },
  // Gemini CLI: "You have exhausted your daily quota on this model." (packages/core/src/utils/googleQuotaErrors.ts);
  // Gemini CLI and Qwen Code: "[API Error: … (Status: RESOURCE_EXHAUSTED)]" + "Please wait and try again later."
  // (packages/core/src/utils/errorParsing.ts); Codex: "Quota exceeded. Check your plan and billing details." (error.rs).
  {
    state: 'rate-limited',
    pattern: String.raw`You have exhausted your (?:daily )?quota|RESOURCE_EXHAUSTED|Quota exceeded\. Check your plan|\[API Error:.*\b429\b`,
    reason: '{line}',
  },
  // Claude Code: "API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10)" (#6596, #583),
  // "API error · Retrying in 15s · attempt 1/10" (2.1, recorded: fixtures/claude-rate-limit-retry),
  // "Retrying in 0 seconds… (attempt 10/10)" under "Unable to connect to API (UND_ERR_SOCKET)" (#32397).
  { state: 'retrying', pattern: String.raw`API Error\b.*·\s*Retrying in\b`, flags: 'i', reason: '{line}' },
  { state: 'retrying', pattern: String.raw`^\W*Retrying in \d+\s*\w*…?\s*[·(]\s*attempt \d+\/\d+`, reason: '{line}' },
  // OpenCode: "Cannot connect to API: … [retrying in 4s attempt #2]" (recorded: fixtures/opencode-prompt-offline).
  { state: 'retrying', pattern: String.raw`([^\s■⬝][^[]*?)\s*\[retrying in \S+ attempt #\d+`, reason: '{1}' },
  // Codex: "ERROR: Reconnecting... 2/5", "Reconnecting... waiting for network" (fixtures/codex-exec-offline),
  // "stream disconnected before completion: …; retrying 1/5 in 200ms…" (error.rs: CodexErr::Stream).
  { state: 'retrying', pattern: String.raw`Reconnecting\.\.\.|stream disconnected\b.*\bretrying\b`, reason: '{line}' },
  // Gemini CLI, while retrying: "Trying to reach gemini-2.5-pro (Attempt 2/10)" (packages/cli/src/ui/hooks/useLoadingIndicator.ts).
  { state: 'retrying', pattern: String.raw`Trying to reach .+\(Attempt \d+\/\d+\)`, reason: '{line}' },
];

/**
 * Selection menus, pickers and sign-in screens of any CLI (Gemini's sign-in menu, Qwen's provider
 * picker, Codex's sign-in): needs input, so a queued prompt is never typed into them. A choice mark
 * on the cursor line is an input prompt ("❯ " in Claude Code's box), not a menu.
 */
const menuRules: readonly ScreenRule[] = [
  {
    state: 'menu',
    // An option ("● 1. Sign in with Google", "> 1. Sign in with ChatGPT") or a heading; not a line of
    // the agent's own that happens to start with "Login".
    pattern: String.raw`${frame}${choiceMark}?\s*(?:\d+[.)]\s*)?(?:Sign|Log) ?in (?:with|using|via|to)\b|How would you like to (?:authenticate|sign in|log in)|Select (?:an? )?Auth(?:entication)? Method|\bPlease (?:sign|log) ?in\b|\b(?:sign|log) ?in to continue\b`,
    notOnCursorLine: true,
    reason: signInRequired,
  },
  // A highlighted numbered choice with another numbered option near it.
  {
    state: 'menu',
    pattern: String.raw`${frame}${choiceMark}\s*\d+[.)]\s+\S`,
    near: { pattern: String.raw`${frame}\d+[.)]\s+\S`, above: 4, below: 4 },
    notOnCursorLine: true,
    reason: asks,
  },
  // A highlighted choice under a "Select …" / "Choose …" heading or over a hint how to choose.
  {
    state: 'menu',
    pattern: String.raw`${frame}${choiceMark}\s+\S`,
    near: {
      pattern: String.raw`${frame}(?:Select|Choose|Pick)\b[^.!]{0,60}$|Use arrow keys|↑\s*\/?\s*↓|Enter to (?:select|confirm)`,
      flags: 'i',
      above: 6,
      below: 12,
    },
    notOnCursorLine: true,
    reason: 'asks: {near}',
  },
  {
    state: 'menu',
    pattern: String.raw`\(Use Enter to select|Use arrow keys|Press Enter to (?:select|confirm)|↑\s*\/?\s*↓ to (?:select|navigate|choose)`,
    flags: 'i',
    reason: asks,
  },
];

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
  ...limitAndRetryRules,
  ...menuRules,
  // A program that exits at a usage limit (`codex exec`, `gemini -p`): the limit is the reason, not a stack trace.
  {
    state: 'failed',
    pattern: String.raw`((?:You have exhausted your (?:daily )?quota|You(?:'|’)ve hit your (?:[\w-]+ )?limit|\busage limit reached)\b.*)`,
    flags: 'i',
    reason: '{1}',
  },
  { state: 'failed', pattern: String.raw`^(?:error|fatal)\b.*`, flags: 'i', where: 'bottom', reason: '{line}' },
  {
    state: 'failed',
    pattern: String.raw`\b(?:error|failed|unable to|cannot|can't|could not|not logged in|permission denied|exception|panic)\b`,
    flags: 'i',
    reason: '{line}',
  },
];

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
