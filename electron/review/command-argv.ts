import { AppError } from '../../shared/errors';

/**
 * Splits a verification command into argv the way a shell splits words — quotes and backslashes
 * group, nothing else happens: no variables, globs, pipes or redirections. A command that needs
 * any of those is refused with a message pointing to the project's verification shell.
 */
export function commandToArgv(command: string): string[] {
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
      else if (char === '$' || char === '`') throw needsShell(command, char);
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
      throw needsShell(command, char);
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

function needsShell(command: string, char: string): AppError {
  return new AppError(
    'invalid-request',
    `The command "${command}" uses shell syntax (${char}), and this project runs verification commands without a shell. ` +
      'Choose a verification shell for the project (Review settings) to run it through that shell.',
  );
}

/** How a brief's command is run: its argv, or the project's chosen shell with `-c` and the command itself. */
export function verificationArgv(command: string, shell: string | null): { argv: string[]; via: 'argv' | 'shell' } {
  return shell ? { argv: [shell, '-c', command], via: 'shell' } : { argv: commandToArgv(command), via: 'argv' };
}
