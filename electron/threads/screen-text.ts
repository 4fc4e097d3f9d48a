/** Escape sequences (CSI, OSC, single-character ESC codes) removed, so patterns see what a person sees. */
const escapeSequences = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripTerminalCodes(text: string): string {
  return text.replace(escapeSequences, '').replace(/\r(?!\n)/g, '\n');
}

/** The last non-empty lines of some terminal output, escape codes removed. */
export function lastLines(text: string, count: number): string[] {
  const lines = stripTerminalCodes(text)
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line.trim() !== '');
  return lines.slice(-count);
}
