import { parseArgs } from 'node:util';
import { builtinScenarioNames, defaultScenarioName } from './builtin-scenarios';

export const usage = `Usage: demo-agent [--scenario <name | file.json>] [prompt text...]

Runs a scripted agent in the current folder (normally a git worktree).
  --scenario, -s  a builtin scenario or a JSON scenario file relative to the current folder
                  (default: ${defaultScenarioName}; builtins: ${builtinScenarioNames.join(', ')})
  --help, -h      show this help

Exit codes: 0 done, 1 a step failed, 2 a question was answered no, 3 bad scenario.`;

export interface CommandLine {
  readonly scenario: string | undefined;
  readonly help: boolean;
  readonly prompt: string;
}

/**
 * Prompts are free text and may look like options ("--fix the tests"), so anything that is not
 * one of our own options is kept as prompt text instead of being rejected.
 */
export function parseCommandLine(args: readonly string[]): CommandLine {
  const { values, tokens } = parseArgs({
    args: [...args],
    options: {
      scenario: { type: 'string', short: 's' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const promptWords: string[] = [];
  const promptIndexes = new Set<number>();
  for (const token of tokens) {
    const isOurs = token.kind === 'option' && (token.name === 'scenario' || token.name === 'help');
    if (token.kind === 'positional' || (token.kind === 'option' && !isOurs)) {
      // Grouped short flags ("-abc") become several tokens of one argument; keep it once.
      if (!promptIndexes.has(token.index)) {
        promptIndexes.add(token.index);
        promptWords.push(args[token.index] ?? '');
      }
    }
  }
  const scenario = typeof values.scenario === 'string' ? values.scenario : undefined;
  return { scenario, help: values.help === true, prompt: promptWords.join(' ') };
}
