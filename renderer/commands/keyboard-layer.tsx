import { useUiStore } from '../state/ui-store';
import '../styles/commands.css';
import { CommandPalette } from './command-palette';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useGlobalKeys } from './use-global-keys';

/** The app's shortcuts, and the palette or shortcuts list when one is open. */
export function KeyboardLayer() {
  useGlobalKeys();
  const overlay = useUiStore((state) => state.overlay);
  if (overlay === 'palette') return <CommandPalette />;
  if (overlay === 'shortcuts') return <ShortcutsDialog />;
  return null;
}
