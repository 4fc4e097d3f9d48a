import { useNoticesStore } from '../state/notices-store';

/** Toasts for outcomes and errors that do not belong next to a particular control. */
export function NoticeArea() {
  const notices = useNoticesStore((state) => state.notices);
  const dismiss = useNoticesStore((state) => state.dismiss);
  return (
    <div className="notice-area" data-testid="notice-area" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`} data-testid="notice" data-tone={notice.tone}>
          <div className="notice-text">
            <strong>{notice.title}</strong>
            {notice.message && <p>{notice.message}</p>}
            {notice.lines && notice.lines.length > 0 && (
              <ul className="mono-list">
                {notice.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            data-testid="notice-dismiss"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
