import type { Thread, ThreadStatus } from '../../shared/models';
import { matchesFilter, threadsOfProject, type ThreadFilter, type ThreadSort } from '../state/threads-store';

/** A key combination: `mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  /**
   * In a browser tab the browser keeps some mod keys for itself (Ctrl+N: new window, Ctrl+1…9:
   * switch tabs) and the page never sees them; there Alt (⌥) + the same key does it too.
   */
  altInBrowser?: boolean;
}

/** One thing the dispatcher can do from the keyboard: the palette and the shortcuts list both read these. */
export interface Command {
  id: string;
  title: string;
  /** Where the palette groups it: an action, or a thread to go to. */
  group: 'action' | 'thread';
  /** Extra words the filter matches (e.g. a thread's branch), not shown as the title. */
  keywords?: string;
  shortcut?: Shortcut;
  enabled: boolean;
  run(): void;
}

/** Keys that are not commands of their own, listed beside the commands in the shortcuts list. */
export const keyHints: readonly { keys: string; title: string }[] = [
  { keys: 'mod+1…9', title: 'Go to the n-th thread of the sidebar' },
  { keys: '↑ / ↓', title: 'Move the selection in the sidebar (when it has focus)' },
  { keys: 'Esc', title: 'Close the palette or a dialog' },
];

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const altPrefix = (mac: boolean) => (mac ? '⌥' : 'Alt+');

/** How a shortcut reads on this platform: `Ctrl+K`, `⌘K` on a Mac, `Ctrl+N / Alt+N` in a browser tab. */
export function formatShortcut(shortcut: Shortcut, mac = isMac, browser = false): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  if (!shortcut.mod) return key;
  const main = mac ? `⌘${key}` : `Ctrl+${key}`;
  return browser && shortcut.altInBrowser ? `${main} / ${altPrefix(mac)}${key}` : main;
}

/** Spells `mod+` in a hint the way this platform does (and its Alt alternative in a browser tab). */
export function formatHint(keys: string, mac = isMac, browser = false): string {
  const main = keys.replace('mod+', mac ? '⌘' : 'Ctrl+');
  return browser && keys.startsWith('mod+') ? `${main} / ${keys.replace('mod+', altPrefix(mac))}` : main;
}

/** The physical key for a letter or digit (`KeyN`, `Digit2`): with Alt, a Mac types another character. */
function physicalKey(key: string): string | null {
  if (/^[a-z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return null;
}

/**
 * Does this key event press `shortcut`? Shift is ignored for a printable key like `?`. In a
 * browser tab, Alt + the key also presses a shortcut marked `altInBrowser`.
 */
export function matchesShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { code?: string },
  shortcut: Shortcut,
  mac = isMac,
  browser = false,
): boolean {
  if (event.altKey) {
    if (!browser || !shortcut.altInBrowser || event.ctrlKey || event.metaKey) return false;
    const code = physicalKey(shortcut.key);
    return code !== null && event.code === code;
  }
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (other || mod !== Boolean(shortcut.mod)) return false;
  return event.key.toLowerCase() === shortcut.key.toLowerCase();
}

/**
 * Fuzzy match: every character of `query` appears in `text` in order. Higher is better: matches at
 * the start of words and runs of adjacent characters score more. `null` when it does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const at = t.indexOf(char, from);
    if (at === -1) return null;
    const wordStart = at === 0 || /[\s\-_/.]/.test(t[at - 1]!);
    score += 1 + (wordStart ? 3 : 0) + (at === previous + 1 ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  // Whole substring matches beat scattered ones; shorter texts beat longer ones on a tie.
  if (t.includes(q)) score += 10;
  return score - t.length / 1000;
}

/** The commands matching `query`, best first; an empty query keeps the registry's order. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  if (query.trim() === '') return [...commands];
  const scored: { command: Command; score: number; index: number }[] = [];
  commands.forEach((command, index) => {
    const title = fuzzyScore(query, command.title);
    const extra = command.keywords ? fuzzyScore(query, command.keywords) : null;
    const best = Math.max(title ?? -Infinity, extra === null ? -Infinity : extra - 1);
    if (best !== -Infinity) scored.push({ command, score: best, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((entry) => entry.command);
}

/** The threads as the sidebar shows them: the selected project's, filtered and sorted as chosen. */
export function sidebarThreads(
  byId: Record<string, Thread>,
  projectId: string | null,
  sort: ThreadSort,
  filter: ThreadFilter,
): Thread[] {
  return threadsOfProject(byId, projectId, sort).filter((thread) => matchesFilter(thread, filter));
}

const needsMe: ReadonlySet<ThreadStatus> = new Set(['needs-input', 'failed']);

/**
 * The next thread after `selectedId` (wrapping around) that waits for the dispatcher: needs input,
 * or failed. `threads` is in sidebar order; archived threads are put away and never count.
 */
export function nextThreadNeedingMe(threads: readonly Thread[], selectedId: string | null): Thread | null {
  const waiting = (thread: Thread) => needsMe.has(thread.status) && !thread.archived;
  const start = threads.findIndex((thread) => thread.id === selectedId);
  for (let step = 1; step <= threads.length; step++) {
    const thread = threads[(start + step + threads.length) % threads.length]!;
    if (waiting(thread) && thread.id !== selectedId) return thread;
  }
  return null;
}
