import { useEffect, useRef } from 'react';
import { OpenRepositoryControl } from './open-repository-control';
import { useOpenRepositoryPopover } from '../state/open-repository-popover-store';

/**
 * A compact "+" beside the project picker; it opens a small popover with the open-repository
 * control, so the path field does not sit in the top bar all the time.
 */
export function OpenRepositoryPopover() {
  const open = useOpenRepositoryPopover((state) => state.open);
  const setOpen = useOpenRepositoryPopover((state) => state.setOpen);
  const root = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    // A click elsewhere closes it, as a menu would.
    const onPointerDown = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, setOpen]);

  return (
    <span className="open-repository-anchor" ref={root}>
      <button
        type="button"
        className="button small icon-only"
        data-testid="project-open-toggle"
        title="Open another repository…"
        aria-label="Open another repository"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        +
      </button>
      {open && (
        <div
          className="popover open-repository-popover"
          role="dialog"
          aria-label="Open another repository"
          data-testid="open-repository-popover"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <div className="popover-title">Open another repository</div>
          <OpenRepositoryControl size="compact" autoFocus onOpened={() => setOpen(false)} />
        </div>
      )}
    </span>
  );
}
