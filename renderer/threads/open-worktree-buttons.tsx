import { useState } from 'react';
import type { Thread } from '../../shared/models';
import { getActions } from '../state/actions';
import { getBridge } from '../transport/bridge';

/** The thread's worktree outside Switchyard: in the user's editor, or the system's file manager. */
export function OpenWorktreeButtons({ thread }: { thread: Thread }) {
  const [opening, setOpening] = useState<'editor' | 'folder' | null>(null);
  const openInEditor = async () => {
    setOpening('editor');
    const result = await getBridge().invoke('workspace.openInEditor', { threadId: thread.id });
    setOpening(null);
    if (!result.ok) getActions().reportThreadError(thread.id, 'Open in editor', result.error);
  };
  const openFolder = async () => {
    setOpening('folder');
    const result = await getBridge().invoke('workspace.openFolder', { threadId: thread.id });
    setOpening(null);
    if (!result.ok) getActions().reportThreadError(thread.id, 'Open folder', result.error);
  };
  const missing = thread.worktreeMissing ? 'The worktree folder is missing from disk' : null;
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="thread-open-editor"
        disabled={Boolean(missing) || opening !== null}
        title={
          missing ?? `Open ${thread.worktreePath} in your editor (set it in Settings; by default VS Code or Cursor)`
        }
        onClick={() => void openInEditor()}
      >
        {opening === 'editor' ? 'Opening…' : 'Open in editor'}
      </button>
      <button
        type="button"
        className="button"
        data-testid="thread-open-folder"
        disabled={Boolean(missing) || opening !== null}
        title={missing ?? `Show ${thread.worktreePath} in your file manager`}
        onClick={() => void openFolder()}
      >
        Open folder
      </button>
    </>
  );
}
