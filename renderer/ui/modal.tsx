import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  testId: string;
  /** Called for Escape and the close button; omit while an operation must not be abandoned. */
  onClose?: () => void;
  tone?: 'normal' | 'danger';
  wide?: boolean;
  children: ReactNode;
}

/**
 * A native modal <dialog>: the browser provides the focus trap, Escape handling and the inert
 * background, which hand-rolled overlays tend to get subtly wrong.
 */
export function Modal({ title, testId, onClose, tone = 'normal', wide = false, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const unmounting = useRef(false);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
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
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal-${tone}${wide ? ' modal-wide' : ''}`}
      data-testid={testId}
      aria-label={title}
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
        <h2>{title}</h2>
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
