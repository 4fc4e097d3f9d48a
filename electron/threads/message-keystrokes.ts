/**
 * What to type so a message reaches an agent as one message, never line by line: one bracketed
 * paste when the program turned that on (a multi-line message stays multi-line), otherwise the
 * lines joined into one (a newline typed bare would submit each line on its own). Enter is sent
 * separately, a moment later (`submitDelayMs`): TUIs that detect fast typing as a paste (Codex)
 * would otherwise take an Enter inside the burst as a newline rather than "send".
 */
export function messageKeystrokes(text: string, bracketedPaste: boolean): string {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  if (bracketedPaste) return `\x1b[200~${normalized}\x1b[201~`;
  return normalized
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

export const submitKey = '\r';

/** Pause between a message and its Enter. */
export const submitDelayMs = 60;
