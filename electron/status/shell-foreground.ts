/**
 * What a plain shell's terminal has in its foreground: the shell itself (at its prompt, waiting for
 * a command) or a program it started (`sleep 12`, a build, an editor). The screen cannot tell
 * these apart (a silent program leaves the prompt line above the cursor), the terminal can.
 */
export type ShellForeground = { readonly kind: 'shell' } | { readonly kind: 'program'; readonly name: string };

/**
 * Compares the name of the terminal's foreground process (pty-process.ts `foregroundProcess`:
 * argv[0] of the foreground process group's leader on Linux, the command name on macOS) with the
 * shell's own. Null when the terminal cannot say (Windows, or the pty is gone): the screen rules
 * decide alone then.
 *
 * A nested shell of the same kind (`bash` typed into bash) reads as the shell: it sits at a prompt too.
 */
export function shellForeground(shellFile: string, foregroundName: string | null): ShellForeground | null {
  if (!foregroundName) return null;
  const name = programName(foregroundName);
  if (!name) return null;
  return name === programName(shellFile) ? { kind: 'shell' } : { kind: 'program', name };
}

/** `/usr/bin/python3 -u x.py` → `python3`; `-bash` (a login shell) → `bash`; `C:\x\cmd.exe` → `cmd.exe`. */
function programName(commandLine: string): string {
  const first = commandLine.trim().split(/\s+/)[0] ?? '';
  const base = first.split(/[\\/]/).pop() ?? '';
  return base.replace(/^-/, '');
}
