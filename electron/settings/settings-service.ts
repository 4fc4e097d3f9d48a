import os from 'node:os';
import type { DomainEvents } from '../../shared/domain-events';
import type { Settings, SettingsView } from '../../shared/settings';
import type { StateRepository } from '../store/state-repository';
import { editorArgv } from '../os/open-in-editor';
import { sharedStatusClock } from '../status/status-clock';
import { stuckAfterMinutesIn } from '../status/stuck-setting';

/**
 * How many agents may run at once when the user has not said: agent CLIs take a few hundred MB
 * each, so the machine's memory decides, within sensible bounds.
 */
export function automaticMaxRunningAgents(totalMemoryBytes = os.totalmem()): number {
  const perAgent = 1.5 * 1024 ** 3;
  return Math.max(2, Math.min(16, Math.floor(totalMemoryBytes / perAgent)));
}

export class SettingsService {
  constructor(
    private readonly state: StateRepository,
    private readonly events: DomainEvents,
  ) {
    sharedStatusClock.setStuckAfterMinutes(stuckAfterMinutesIn(this.state.get('settings')));
  }

  get(): SettingsView {
    const settings = this.state.get('settings');
    return { ...settings, effectiveMaxRunningAgents: settings.maxRunningAgents ?? automaticMaxRunningAgents() };
  }

  maxRunningAgents(): number {
    return this.get().effectiveMaxRunningAgents;
  }

  /** The editor command set in Settings, or null to find one (os/open-in-editor.ts). */
  editorCommand(): string | null {
    return this.get().editorCommand ?? null;
  }

  async set(patch: Partial<Settings>): Promise<SettingsView> {
    // An editor command that could never run is refused now, not at the first "Open in editor".
    if (patch.editorCommand?.trim()) editorArgv(patch.editorCommand, `"${patch.editorCommand}"`);
    if (patch.editorCommand !== undefined && !patch.editorCommand?.trim()) patch = { ...patch, editorCommand: null };
    await this.state.set('settings', { ...this.state.get('settings'), ...patch });
    // Trackers in this process read it from the shared clock; the agent host gets it with each request.
    sharedStatusClock.setStuckAfterMinutes(stuckAfterMinutesIn(this.state.get('settings')));
    const view = this.get();
    this.events.emit('settings.updated', view);
    return view;
  }
}
