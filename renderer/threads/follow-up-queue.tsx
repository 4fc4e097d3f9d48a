import { useEffect, useState } from 'react';
import type { RequestOf } from '../../shared/contract';
import type { FollowUp } from '../../shared/follow-ups';
import { activeThreadStatuses, type Thread } from '../../shared/models';
import { notify } from '../state/notices-store';
import { getBridge } from '../transport/bridge';

type FollowUpChannel =
  'threads.followUps.add' | 'threads.followUps.edit' | 'threads.followUps.remove' | 'threads.followUps.sendNow';

/**
 * The thread's follow-up queue, under its terminal: messages for the agent's next turns, typed one
 * at a time, each once the agent is ready for input (never into a question it is asking). The
 * queue is kept by the agent host with the agent, so it is there after a restart; this lists it,
 * and edits, cancels or sends one now ("send anyway").
 */
export function FollowUpQueue({ thread }: { thread: Thread }) {
  const [items, setItems] = useState<readonly FollowUp[]>([]);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const threadId = thread.id;

  useEffect(() => {
    let left = false;
    const bridge = getBridge();
    const off = bridge.on('thread.followUps', (event) => {
      if (event.threadId === threadId) setItems(event.items);
    });
    void bridge.invoke('threads.followUps.list', { threadId }).then((result) => {
      if (!left && result.ok) setItems(result.value);
    });
    return () => {
      left = true;
      off();
    };
  }, [threadId]);

  const running = activeThreadStatuses.has(thread.status);
  if (!running && items.length === 0) return null;

  const change = async <C extends FollowUpChannel>(
    channel: C,
    request: RequestOf<C>,
    action: string,
  ): Promise<boolean> => {
    setBusy(true);
    const result = await getBridge().invoke(channel, request);
    setBusy(false);
    if (result.ok) setItems(result.value as readonly FollowUp[]);
    else notify({ tone: 'error', title: `Could not ${action}`, message: result.error.message });
    return result.ok;
  };

  const add = async () => {
    const text = draft.trim();
    if (!text) return;
    if (await change('threads.followUps.add', { threadId, text }, 'queue the follow-up')) {
      setDraft('');
    }
  };

  const ready = thread.status === 'idle';
  return (
    <section className="follow-ups" data-testid="follow-up-queue" aria-label="Follow-ups for the agent">
      {items.length > 0 && (
        <>
          <p className="follow-ups-note" data-testid="follow-up-waiting-note">
            {ready
              ? 'Typing the next one now that the agent is ready.'
              : 'Will be sent when the agent is ready: one at a time, never into a question it is asking.'}
          </p>
          <ol className="follow-ups-list">
            {items.map((item) => (
              <li key={item.id} className="follow-up" data-testid="follow-up-item" data-kind={item.kind}>
                {editing?.id === item.id ? (
                  <textarea
                    className="text-input follow-up-text"
                    data-testid="follow-up-edit-input"
                    aria-label="Edit the queued message"
                    value={editing.text}
                    onChange={(event) => setEditing({ id: item.id, text: event.target.value })}
                  />
                ) : (
                  <span className="follow-up-text" data-testid="follow-up-text">
                    {item.kind === 'prompt' && <strong>First prompt: </strong>}
                    {item.text}
                  </span>
                )}
                <span className="follow-up-actions">
                  {editing?.id === item.id ? (
                    <>
                      <button
                        type="button"
                        className="button small"
                        data-testid="follow-up-save"
                        disabled={busy || editing.text.trim() === ''}
                        onClick={() =>
                          void change(
                            'threads.followUps.edit',
                            { threadId, id: item.id, text: editing.text.trim() },
                            'edit the follow-up',
                          ).then((ok) => ok && setEditing(null))
                        }
                      >
                        Save
                      </button>
                      <button type="button" className="button small" onClick={() => setEditing(null)}>
                        Keep as was
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      data-testid="follow-up-edit"
                      disabled={busy}
                      onClick={() => setEditing({ id: item.id, text: item.text })}
                    >
                      Edit
                    </button>
                  )}
                  <button
                    type="button"
                    className="button small"
                    data-testid="follow-up-send-now"
                    disabled={busy}
                    title="Type it into the agent now, whatever its screen shows (it may be asking a question)"
                    onClick={() =>
                      void change('threads.followUps.sendNow', { threadId, id: item.id }, 'send the follow-up')
                    }
                  >
                    Send now
                  </button>
                  <button
                    type="button"
                    className="button small danger-outline"
                    data-testid="follow-up-remove"
                    disabled={busy}
                    onClick={() =>
                      void change('threads.followUps.remove', { threadId, id: item.id }, 'cancel the follow-up')
                    }
                  >
                    Cancel
                  </button>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      {running && (
        <form
          className="follow-ups-composer"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <textarea
            className="text-input follow-up-input"
            data-testid="follow-up-input"
            aria-label="Follow-up for the agent"
            placeholder="Queue a follow-up for the agent's next turn (Ctrl+Enter)"
            rows={1}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void add();
              }
            }}
          />
          <button
            type="submit"
            className="button small"
            data-testid="follow-up-add"
            disabled={busy || draft.trim() === ''}
            title="Typed into the agent once it is ready for input, after the messages already queued"
          >
            {ready && items.length === 0 ? 'Send' : 'Queue'}
          </button>
        </form>
      )}
    </section>
  );
}
