import { Modal } from '../ui/modal';
import { useUiStore } from '../state/ui-store';
import { formatHint, formatShortcut, keyHints } from './command-registry';
import { buildCommands, inBrowserTab } from './commands';

/** Every shortcut: the registry's commands that have one, then the keys that are not commands. */
export function ShortcutsDialog() {
  const setOverlay = useUiStore((state) => state.setOverlay);
  const browser = inBrowserTab();
  const rows = [
    ...buildCommands()
      .filter((command) => command.shortcut && command.group === 'action')
      .map((command) => ({
        id: command.id,
        keys: formatShortcut(command.shortcut!, undefined, browser),
        title: command.title,
      })),
    ...keyHints.map((hint) => ({ id: hint.keys, keys: formatHint(hint.keys, undefined, browser), title: hint.title })),
  ];
  return (
    <Modal title="Keyboard shortcuts" testId="shortcuts-dialog" onClose={() => setOverlay(null)}>
      <table className="shortcuts-table">
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="shortcut-row">
              <td>
                <kbd>{row.keys}</kbd>
              </td>
              <td>{row.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Outside text fields; in the terminal only the Ctrl/⌘ keys are taken
        {browser ? ' (and their Alt alternatives, for the keys this browser tab keeps for itself)' : ''}.
      </p>
    </Modal>
  );
}
