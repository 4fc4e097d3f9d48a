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

/** Box borders, spinner glyphs and list markers that TUIs draw around the words of a line. */
const frameAtEdges = /^[\s│┃┆┊║|╎╏▌▐╭╮╰╯╹╻─━═■⬝▣●○◆◇•·›»>❯?✻✶✳✢✽⏺⎿-]+|[\s│┃┆┊║|╎╏▌▐╭╮╰╯╹╻─━═■⬝]+$/gu;

/** The words of a screen line, as a reason would quote them: frame and markers gone, spaces squeezed. */
export function quotableLine(line: string): string {
  return line
    .replace(frameAtEdges, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Keeps reasons short enough for a sidebar row and a notification body. */
export function shortened(text: string, maxChars = 160): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1).trimEnd()}…`;
}
