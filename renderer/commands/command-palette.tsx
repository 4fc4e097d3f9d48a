import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useUiStore } from '../state/ui-store';
import { type Command, filterCommands, formatShortcut } from './command-registry';
import { buildCommands, inBrowserTab } from './commands';

/** Matches that can run first, then those that cannot right now (shown, greyed, never chosen). */
function ordered(commands: readonly Command[], query: string): { list: Command[]; runnable: number } {
  const matches = filterCommands(
    commands.filter((command) => command.id !== 'palette.open'),
    query,
  );
  const runnable = matches.filter((command) => command.enabled);
  return { list: [...runnable, ...matches.filter((command) => !command.enabled)], runnable: runnable.length };
}

/**
 * Ctrl/⌘+K: every command and every thread of the sidebar, filtered as the dispatcher types. A
 * native modal <dialog> traps focus; closing it gives focus back to where it was.
 */
export function CommandPalette() {
  const setOverlay = useUiStore((state) => state.setOverlay);
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const unmounting = useRef(false);
  // The state of the app when the palette opened: what it offers does not shift under the pointer.
  const [commands] = useState(buildCommands);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const { list, runnable } = useMemo(() => ordered(commands, query), [commands, query]);
  const activeIndex = Math.min(active, runnable - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    unmounting.current = false;
    if (dialog && !dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => {
      unmounting.current = true;
      dialog?.close();
      // Back to where the dispatcher was, unless what ran moved focus on purpose.
      const focused = document.activeElement;
      if (previous?.isConnected && (focused === null || focused === document.body || dialog?.contains(focused))) {
        previous.focus();
      }
    };
  }, []);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const close = () => setOverlay(null);
  const run = (command: Command | undefined) => {
    if (!command?.enabled) return;
    close();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      event.preventDefault();
      if (runnable > 0) setActive(((to % runnable) + runnable) % runnable);
    };
    if (event.key === 'ArrowDown') move(activeIndex + 1);
    else if (event.key === 'ArrowUp') move(activeIndex - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(runnable - 1);
    // The input is the palette's one stop: Tab does not wander out of it (or into the browser's UI).
    else if (event.key === 'Tab') event.preventDefault();
    else if (event.key === 'Enter') {
      event.preventDefault();
      run(list[activeIndex]);
    }
  };

  let lastGroup: Command['group'] | null = null;
  return (
    <dialog
      ref={ref}
      className="modal command-palette"
      data-testid="command-palette"
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClose={() => {
        // A forced close (a repeated Escape) while still shown: treat it as a close request.
        if (!unmounting.current) close();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog box itself, outside its content) dismisses.
        if (event.target === ref.current) close();
      }}
    >
      <input
        ref={inputRef}
        type="text"
        className="text-input command-palette-input"
        data-testid="command-palette-input"
        role="combobox"
        aria-label="Type a command or a thread name"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        placeholder="Type a command or a thread name…"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul ref={listRef} id={listId} className="command-palette-list" role="listbox" aria-label="Commands and threads">
        {list.map((command, index) => {
          const heading = command.group !== lastGroup && query.trim() === '';
          lastGroup = command.group;
          return (
            <li
              key={command.id}
              id={optionId(index)}
              role="option"
              className={`command-palette-option${index === activeIndex ? ' active' : ''}${heading && index > 0 ? ' group-start' : ''}`}
              data-testid="command-palette-option"
              data-command-id={command.id}
              aria-selected={index === activeIndex}
              aria-disabled={!command.enabled || undefined}
              onMouseMove={() => command.enabled && index !== activeIndex && setActive(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => run(command)}
            >
              {command.group === 'thread' && <span className="command-palette-kind muted">Thread</span>}
              <span className="command-palette-title truncate">{command.title}</span>
              {command.shortcut && <kbd>{formatShortcut(command.shortcut, undefined, inBrowserTab())}</kbd>}
            </li>
          );
        })}
        {list.length === 0 && (
          <li className="command-palette-empty muted" role="option" aria-selected="false" aria-disabled="true">
            Nothing matches “{query}”.
          </li>
        )}
      </ul>
    </dialog>
  );
}
