import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { QueueEntryView } from '../../shared/merge-queue';
import { moveItem } from './reorder';

interface QueueEntryListProps {
  entries: QueueEntryView[];
  stoppedThreadId: string | null;
  landingBranch: string | null;
  disabled: boolean;
  onReorder(order: string[]): void;
  onUnskip(threadId: string): void;
  onRemove(threadId: string): void;
}

const riskLabel: Record<QueueEntryView['risk'], string> = {
  conflict: 'conflicts',
  overlap: 'overlaps',
  clean: 'clean',
  unknown: '…',
};

/**
 * The queue in landing order. Reorder by dragging, by Alt+↑/↓ on a focused entry, or with the
 * arrow buttons; each entry says its conflict risk and why the suggestion puts it where it does.
 */
export function QueueEntryList(props: QueueEntryListProps) {
  const { entries, disabled } = props;
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const refocus = useRef<string | null>(null);
  const ids = entries.map((e) => e.threadId);

  // Keyboard users keep the entry they moved under their focus once the new order arrives
  // (moving a focused element in the DOM drops its focus).
  useEffect(() => {
    const id = refocus.current;
    if (id && rows.current.get(id) && document.activeElement !== rows.current.get(id)) rows.current.get(id)?.focus();
  }, [entries]);

  const move = (from: number, to: number, keepFocus: boolean) => {
    const next = moveItem(ids, from, to);
    if (next.every((id, i) => id === ids[i])) return;
    refocus.current = keepFocus ? (ids[from] ?? null) : null;
    props.onReorder(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (disabled || !event.altKey) return;
    if (event.key === 'ArrowUp') move(index, index - 1, true);
    else if (event.key === 'ArrowDown') move(index, index + 1, true);
    else return;
    event.preventDefault();
  };

  if (entries.length === 0) {
    return (
      <p className="muted" data-testid="mq-empty">
        Nothing queued. Approved threads appear here; others can be queued below.
      </p>
    );
  }

  return (
    <ol
      className="mq-entries"
      data-testid="mq-entries"
      aria-label="Landing order (Alt+Up/Down moves the focused entry)"
    >
      {entries.map((entry, index) => (
        <li
          key={entry.threadId}
          ref={(node) => {
            if (node) rows.current.set(entry.threadId, node);
            else rows.current.delete(entry.threadId);
          }}
          className={`mq-entry risk-${entry.risk}${entry.skipped ? ' skipped' : ''}${props.stoppedThreadId === entry.threadId ? ' stopped' : ''}${dropAt === index ? ' drop-target' : ''}${props.landingBranch === entry.branch ? ' landing' : ''}`}
          data-testid="mq-entry"
          data-thread-name={entry.name}
          data-risk={entry.risk}
          data-skipped={entry.skipped}
          tabIndex={0}
          draggable={!disabled}
          onKeyDown={(event) => onKeyDown(event, index)}
          onDragStart={(event) => {
            setDragging(index);
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', entry.threadId);
          }}
          onDragOver={(event) => {
            if (dragging === null) return;
            event.preventDefault();
            setDropAt(index);
          }}
          onDragLeave={() => setDropAt((at) => (at === index ? null : at))}
          onDrop={(event) => {
            event.preventDefault();
            if (dragging !== null) move(dragging, index, false);
            setDragging(null);
            setDropAt(null);
          }}
          onDragEnd={() => {
            setDragging(null);
            setDropAt(null);
          }}
        >
          <span className="mq-position">{index + 1}</span>
          <div className="mq-entry-main">
            <div className="mq-entry-title">
              <span className="mq-name">{entry.name}</span>
              <span className="mono muted">{entry.branch}</span>
              <span className={`mq-risk risk-${entry.risk}`} data-testid="mq-risk" title={entry.riskReasons.join('\n')}>
                {riskLabel[entry.risk]}
              </span>
              {entry.blockingFindings > 0 && (
                <span
                  className="mq-tag warning"
                  data-testid="mq-blocking"
                  title="Blocking findings a reviewer agent left on this branch (open its review to see them)"
                >
                  {entry.blockingFindings} blocking
                </span>
              )}
              {entry.queuedAnyway && (
                <span className="mq-tag warning" title="Queued without approval">
                  not approved
                </span>
              )}
              {entry.approvalStale && (
                <span
                  className="mq-tag warning"
                  title="The branch gained commits after the approval: approve again in Review, or queue anyway to land them unreviewed"
                >
                  approval stale
                </span>
              )}
              {entry.skipped && <span className="mq-tag">skipped</span>}
            </div>
            <ul className="mq-reasons">
              {entry.riskReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
              {entry.orderReason && (
                <li className="muted" data-testid="mq-order-reason">
                  {entry.suggestedIndex !== null ? `suggested #${entry.suggestedIndex + 1}: ` : ''}
                  {entry.orderReason}
                </li>
              )}
            </ul>
          </div>
          <div className="mq-entry-actions">
            {entry.skipped && (
              <button
                type="button"
                className="button small"
                disabled={disabled}
                onClick={() => props.onUnskip(entry.threadId)}
              >
                Put back
              </button>
            )}
            {entry.queuedAnyway && (
              <button
                type="button"
                className="button small"
                disabled={disabled}
                onClick={() => props.onRemove(entry.threadId)}
              >
                Unqueue
              </button>
            )}
            <button
              type="button"
              className="button small"
              data-testid="mq-entry-up"
              aria-label={`Move ${entry.name} up`}
              disabled={disabled || index === 0}
              onClick={() => move(index, index - 1, false)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button small"
              data-testid="mq-entry-down"
              aria-label={`Move ${entry.name} down`}
              disabled={disabled || index === entries.length - 1}
              onClick={() => move(index, index + 1, false)}
            >
              ↓
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
