import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  testId: string;
  /** Called for Escape and the close button; omit while an operation must not be abandoned. */
  onClose?: () => void;
  tone?: 'normal' | 'danger';
  wide?: boolean;
  children: ReactNode;
}

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the last control goes back to the first, Shift+Tab from the first to the last: the
 * native dialog makes the page behind inert, but would let Tab leave for the browser's own UI.
 */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter(
    (element) => element.offsetParent !== null || element === document.activeElement,
  );
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && (document.activeElement === first || !event.currentTarget.contains(document.activeElement))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A native modal <dialog> (role dialog, aria-modal, named by its heading): the browser provides
 * Escape handling and the inert background; focus is kept inside, and given back to whatever had
 * it before the dialog opened when it closes.
 */
export function Modal({ title, testId, onClose, tone = 'normal', wide = false, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const unmounting = useRef(false);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    unmounting.current = false;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // React's autoFocus fires while the dialog is still closed (so it is lost), and showModal
      // focuses the first focusable element, the close button. Children mark the right one instead.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      unmounting.current = true;
      dialog?.close();
      // Back to the control that opened it, unless what ran moved focus on purpose.
      const focused = document.activeElement;
      const lost = focused === null || focused === document.body || dialog?.contains(focused);
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal-${tone}${wide ? ' modal-wide' : ''}`}
      data-testid={testId}
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={keepFocusInside}
      onCancel={(event) => {
        // Escape: let the owner decide (it may be busy); the dialog only closes by unmounting.
        event.preventDefault();
        onClose?.();
      }}
      onClose={() => {
        // Browsers may force-close on a repeated Escape despite preventDefault: treat it as a close
        // request, and if the owner is busy, put the dialog back up.
        if (unmounting.current) return;
        if (onCloseRef.current) onCloseRef.current();
        else ref.current?.showModal();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        {onClose && (
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
