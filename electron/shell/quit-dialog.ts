import { activeThreadStatuses } from '../../shared/models';
import type { QuitChoice } from '../app/agent-lifetime';
import type { SwitchyardApp } from '../app/switchyard-app';
import type { ElectronApi } from './electron-api';

/**
 * What to do with the running agents on quit: the setting when the user chose for good, else a
 * question with "Keep agents running" first (the default) and "Remember my choice", which saves
 * the answer in Settings. Nothing is asked when no agent runs.
 */
export async function askQuitChoice(
  dialog: ElectronApi['dialog'],
  app: Pick<SwitchyardApp, 'settings' | 'state'>,
): Promise<QuitChoice> {
  const setting = app.settings.get().agentsOnQuit;
  if (setting !== 'ask') return setting;
  const names = app.state
    .threads()
    .filter((t) => activeThreadStatuses.has(t.status))
    .map((t) => t.name);
  if (names.length === 0) return 'keep';
  const result = await dialog.showMessageBox({
    type: 'question',
    title: 'Quit Switchyard',
    message:
      names.length === 1
        ? `The agent of "${names[0]}" is running. Keep it running after Switchyard quits?`
        : `${names.length} agents are running. Keep them running after Switchyard quits?`,
    detail:
      'Kept agents carry on without the window; the next start reattaches them and shows what happened ' +
      'meanwhile. You can change this later in Settings → When Switchyard quits.',
    buttons: ['Keep agents running', 'Stop them all'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    checkboxLabel: 'Remember my choice',
    checkboxChecked: false,
  });
  const choice: QuitChoice = result.response === 1 ? 'stop' : 'keep';
  if (result.checkboxChecked) await app.settings.set({ agentsOnQuit: choice });
  return choice;
}
