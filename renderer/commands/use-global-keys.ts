import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';
import { matchesShortcut } from './command-registry';
import { buildCommands, inBrowserTab } from './commands';

/** Where a key press comes from, as far as shortcuts care. */
export function keyOrigin(target: EventTarget | null): 'terminal' | 'text' | 'other' {
  if (!(target instanceof HTMLElement)) return 'other';
  // xterm types through a hidden textarea: it is the terminal, not a text field.
  if (target.closest('.xterm')) return 'terminal';
  if (target.isContentEditable || target.closest('input, textarea, select')) return 'text';
  return 'other';
}

/**
 * The app-wide shortcuts of the command registry. Listens in the capture phase, before xterm sees
 * the key: in the terminal only the Ctrl/⌘ combinations are taken, everything else reaches the
 * agent. Nothing fires while the dispatcher types into a field, or while a modal dialog is open
 * (it owns the keyboard; Escape closes it).
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (useUiStore.getState().overlay !== null || document.querySelector('dialog[open]')) return;
      const origin = keyOrigin(event.target);
      if (origin === 'text') return;
      const browser = inBrowserTab();
      const modifier = event.ctrlKey || event.metaKey || (browser && event.altKey);
      if (!modifier && event.key !== '?') return;
      for (const command of buildCommands()) {
        const shortcut = command.shortcut;
        if (!shortcut || !matchesShortcut(event, shortcut, undefined, browser)) continue;
        if (origin === 'terminal' && !shortcut.mod) return;
        event.preventDefault();
        event.stopPropagation();
        if (command.enabled) command.run();
        return;
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
