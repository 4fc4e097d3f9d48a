import type { workspaceContract } from '../../../shared/contract/workspace';
import { openFolderWithSystem } from '../../os/open-folder';
import { openInEditor } from '../../os/open-in-editor';
import type { HandlersOf } from '../request-router';
import type { HandlerDeps } from './handler-deps';

/** A thread's worktree in the user's editor or file manager; the editor is read from Settings at each call. */
export function workspaceHandlers({ options, state, settings }: HandlerDeps): HandlersOf<typeof workspaceContract> {
  return {
    'workspace.openInEditor': ({ threadId }) =>
      openInEditor(state.thread(threadId).worktreePath, settings.editorCommand()),
    'workspace.openFolder': async ({ threadId }) => {
      const folder = state.thread(threadId).worktreePath;
      await (options.host.openFolder ?? openFolderWithSystem)(folder);
      return { opened: true };
    },
  };
}
