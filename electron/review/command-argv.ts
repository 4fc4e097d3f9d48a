import { AppError } from '../../shared/errors';

/**
 * Splits a verification command into argv the way a shell splits words — quotes and backslashes
 * group, nothing else happens: no variables, globs, pipes or redirections. A command that needs
 * any of those is refused with a message pointing to the project's verification shell.
 */
export function commandToArgv(command: string, useShell = inTheApp): string[] {
  refuseNewlines(command);
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const char = command[i] as string;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && i + 1 < command.length && '"\\'.includes(command[i + 1] as string))
        word += command[++i];
      else if (char === '$' || char === '`') throw needsShell(command, char, useShell);
      else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else if ('|&;<>()$`*?[]{}~#'.includes(char) && !(char === '~' && inWord) && !(char === '#' && inWord)) {
      throw needsShell(command, char, useShell);
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new AppError('invalid-request', `The command "${command}" has an unclosed ${quote} quote.`);
  if (inWord) argv.push(word);
  if (argv.length === 0) throw new AppError('invalid-request', 'The verification command is empty.');
  return argv;
}

/** How to opt into a shell, said when shell syntax is refused: the app's way, or the CLI's. */
const inTheApp =
  'this project runs verification commands without a shell. Choose a verification shell for the project (Review settings) to run it through that shell.';

function needsShell(command: string, char: string, useShell: string): AppError {
  return new AppError('invalid-request', `The command "${command}" uses shell syntax (${char}), and ${useShell}`);
}

/**
 * A verification command is one line, shown as one line. A newline is neither a space (the next
 * line would become arguments of the first) nor, through a shell, a second command whose exit
 * status alone decides the verdict (`false⏎true` passes): it is refused either way.
 */
function refuseNewlines(command: string): void {
  if (/[\r\n]/.test(command)) {
    throw new AppError(
      'invalid-request',
      `The verification command "${command.replace(/\r?\n|\r/g, '⏎')}" spans more than one line; a verification command is one line ` +
        '(through a shell, join commands with &&).',
    );
  }
}

/** How a command is run: its argv, or the chosen shell with `-c` and the command itself. One line either way. */
export function verificationArgv(
  command: string,
  shell: string | null,
  useShell = inTheApp,
): { argv: string[]; via: 'argv' | 'shell' } {
  refuseNewlines(command);
  return shell
    ? { argv: [shell, '-c', command], via: 'shell' }
    : { argv: commandToArgv(command, useShell), via: 'argv' };
}
