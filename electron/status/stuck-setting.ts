import { defaultStuckAfterMinutes } from '../../shared/limits';
import type { Settings } from '../../shared/settings';

/** Settings' "stuck after" as the status clock takes it: minutes, or null for never (0 in Settings). */
export function stuckAfterMinutesIn(settings: Pick<Settings, 'stuckAfterMinutes'>): number | null {
  const minutes = settings.stuckAfterMinutes ?? defaultStuckAfterMinutes;
  return minutes === 0 ? null : minutes;
}
