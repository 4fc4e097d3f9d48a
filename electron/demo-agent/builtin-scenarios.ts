import type { Scenario } from './scenario';

/**
 * Scenarios shipped with the app. Each takes at most a couple of seconds: the small delays are
 * there so a UI can show "working" before the agent finishes or asks.
 */
export const builtinScenarios = {
  /** The first-run demo: think, write a notes file, ask, commit. */
  feature: {
    name: 'feature',
    steps: [
      { print: 'Thinking about the task: {prompt}', delayMs: 150 },
      { print: 'Reading the repository…', delayMs: 300 },
      { print: 'Plan: write demo/{task}.md with notes on the task.', delayMs: 300 },
      {
        write: {
          path: 'demo/{task}.md',
          content: '# {prompt}\n\nNotes written by the Switchyard demo agent for the task:\n\n> {prompt}\n',
        },
      },
      { print: 'Wrote demo/{task}.md', delayMs: 150 },
      { ask: 'Apply this edit?' },
      { commit: 'Add {slug} notes' },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /** No question: for flows that only need a finished thread with a commit. */
  quick: {
    name: 'quick',
    steps: [
      { print: 'Quick change: {prompt}', delayMs: 150 },
      { write: { path: 'demo/{task}-quick.md', content: 'Quick note from the Switchyard demo agent: {prompt}\n' } },
      { commit: 'Add quick {slug} note' },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /** An agent that errors out, to show a failed thread. */
  fail: {
    name: 'fail',
    steps: [
      { print: 'Thinking about the task: {prompt}', delayMs: 150 },
      { sleep: 300 },
      { print: 'Error: the demo agent was told to fail' },
      { exit: 1 },
    ],
  },
  /** Two questions, so the "needs you" state is entered, left and entered again. */
  'ask-twice': {
    name: 'ask-twice',
    steps: [
      { print: 'Thinking about the task: {prompt}', delayMs: 150 },
      { write: { path: 'demo/{slug}.md', content: '# {prompt}\n\nFirst draft by the Switchyard demo agent.\n' } },
      { print: 'Wrote a first draft of demo/{slug}.md', delayMs: 200 },
      { ask: 'Apply this edit?' },
      { append: { path: 'demo/{slug}.md', content: '\nReviewed and extended after the first answer.\n' } },
      { print: 'Extended demo/{slug}.md', delayMs: 200 },
      { ask: 'Commit these changes?' },
      { commit: 'Add {slug} notes' },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /** Prints back what the app types into the terminal, until "/done". */
  echo: {
    name: 'echo',
    steps: [
      { print: 'Echo mode: every line you send is printed back. Send /done to finish.' },
      { echo: { until: '/done' } },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /**
   * Asks a sign-in question before its input box, as Amp does: a first prompt typed at the first
   * output would answer the question. Every message the box takes is recorded in .demo-inbox.jsonl.
   */
  'login-first': {
    name: 'login-first',
    steps: [
      { ask: 'Would you like to log in?', onNo: 'continue' },
      { print: 'Signing in…', delayMs: 400 },
      { print: 'Signed in. Type a message below.', delayMs: 200 },
      { inbox: { record: '.demo-inbox.jsonl' } },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /** Asks to trust the folder before its input box, as Gemini and Claude Code do on first run. */
  'trust-first': {
    name: 'trust-first',
    steps: [
      { ask: 'Do you trust the files in this folder?', onNo: 'exit' },
      // The dialog gives way to the app's screen, as a TUI redraws it (the question would read as still asked).
      { print: '\x1b[2J\x1b[HTrusted this folder.', delayMs: 400 },
      { print: 'Type a message below.', delayMs: 200 },
      { inbox: { record: '.demo-inbox.jsonl' } },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /** With conflict-b: both retitle README.md on line 1, so landing both threads conflicts. */
  'conflict-a': {
    name: 'conflict-a',
    steps: [
      { print: 'Retitling README.md (version A)…', delayMs: 200 },
      { replaceLine: { path: 'README.md', line: 1, text: '# Title chosen by thread A' } },
      { commit: 'Retitle README (A)' },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  'conflict-b': {
    name: 'conflict-b',
    steps: [
      { print: 'Retitling README.md (version B)…', delayMs: 200 },
      { replaceLine: { path: 'README.md', line: 1, text: '# Title chosen by thread B' } },
      { commit: 'Retitle README (B)' },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /** Leaves a TODO in a committed file: the thread a reviewer (the `review` scenario) should block. */
  'with-todo': {
    name: 'with-todo',
    steps: [
      { print: 'Adding a helper for: {prompt}', delayMs: 150 },
      {
        write: {
          path: 'src/{slug}.js',
          content: 'export function helper(value) {\n  // TODO: handle a missing value\n  return value * 2;\n}\n',
        },
      },
      { commit: 'Add {slug} helper' },
      { print: 'Done.' },
      { exit: 0 },
    ],
  },
  /**
   * A reviewer agent: prints findings for the diff against $SWITCHYARD_REVIEW_BASE as JSON lines
   * (blocking for a TODO or console.log, a note per changed file) and one malformed line.
   */
  review: {
    name: 'review',
    steps: [{ print: 'Reviewing the diff…' }, { review: {} }, { exit: 0 }],
  },
} satisfies Record<string, Scenario>;

export type BuiltinScenarioName = keyof typeof builtinScenarios;
export const builtinScenarioNames = Object.keys(builtinScenarios) as BuiltinScenarioName[];
export const defaultScenarioName: BuiltinScenarioName = 'feature';

export function isBuiltinScenarioName(name: string): name is BuiltinScenarioName {
  return Object.hasOwn(builtinScenarios, name);
}
