import type { Thread } from '../../shared/models';
import { useThreadsStore } from '../state/threads-store';
import { attentionNotice } from '../../shared/attention';
import { attentionTransitions } from './attention-transitions';

export interface AttentionNotifierDeps {
  /** Shows a desktop notification; `onClick` runs when the user clicks it. */
  show(notice: { title: string; body: string; tag: string }, onClick: () => void): void;
  /** Notifications are on in settings and allowed by the browser. */
  isEnabled(): boolean;
  /** The user is looking at this thread right now (window focused, thread selected). */
  isLookingAt(thread: Thread): boolean;
  /** Brings the thread into view after a click. */
  reveal(thread: Thread): void;
}

/**
 * Desktop notifications from the renderer (the browser host; in Electron the main process
 * notifies): one per thread transition into needs-input, done or failed, except for the thread
 * the user is looking at. Watches the threads store, so events and full reloads both count.
 */
export function startAttentionNotifier(deps: AttentionNotifierDeps): () => void {
  return useThreadsStore.subscribe((state, previous) => {
    for (const thread of attentionTransitions(previous.byId, state.byId)) {
      if (!deps.isEnabled() || deps.isLookingAt(thread)) continue;
      deps.show({ ...attentionNotice(thread), tag: `switchyard-${thread.id}` }, () => deps.reveal(thread));
    }
  });
}
