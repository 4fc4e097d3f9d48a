import { InboxDialog } from '../inbox/inbox-dialog';
import { KeyboardLayer } from '../commands/keyboard-layer';
import { useProjectsStore } from '../state/projects-store';
import { useUiStore } from '../state/ui-store';
import { MergeDialog } from '../threads/merge-dialog';
import { NewThreadForm } from '../threads/new-thread-form';
import { ProjectSetupEditor } from '../settings/project-setup-editor';
import { RemoveDialog } from '../threads/remove-dialog';
import { UsageView } from '../usage/usage-view';

/** The keyboard layer (shortcuts, palette) and whichever dialog is open. */
export function DialogHost() {
  return (
    <>
      <KeyboardLayer />
      <OpenDialog />
      <InboxDialog />
      <UsageView />
    </>
  );
}

/** Renders whichever dialog is open; dialogs live here so they outlive the thread they act on. */
function OpenDialog() {
  const dialog = useUiStore((state) => state.dialog);
  const projectId = useProjectsStore((state) => state.selectedId);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'new-thread':
      return projectId ? <NewThreadForm key={projectId} projectId={projectId} /> : null;
    case 'merge':
      return <MergeDialog key={dialog.thread.id} thread={dialog.thread} />;
    case 'remove':
      return <RemoveDialog key={dialog.thread.id} thread={dialog.thread} />;
    case 'project-setup':
      return <ProjectSetupEditor key={dialog.projectId} projectId={dialog.projectId} />;
  }
}
