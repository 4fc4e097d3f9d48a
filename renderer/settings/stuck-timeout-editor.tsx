import { defaultStuckAfterMinutes } from '../../shared/limits';
import type { SettingsView } from '../../shared/settings';
import { SettingsFieldForm, type SettingsFieldChange } from './settings-field-form';

/** The field as typed: blank is the default, 0 turns "stuck?" off. */
export function parseStuckAfterMinutes(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: defaultStuckAfterMinutes };
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 0 || value > 1440) {
    return { ok: false, message: 'Minutes is a whole number from 1 to 1440, 0 for never, or blank for the default.' };
  }
  return { ok: true, value };
}

const read = (settings: SettingsView) => String(settings.stuckAfterMinutes ?? defaultStuckAfterMinutes);

const change = (text: string): SettingsFieldChange => {
  const parsed = parseStuckAfterMinutes(text);
  return parsed.ok ? { ok: true, value: { stuckAfterMinutes: parsed.value } } : parsed;
};

/**
 * How long a working agent's screen may stay unchanged before its thread reads "stuck?" (and a
 * notification says so). Rate limits and connection retries are told apart on their own.
 */
export function StuckTimeoutEditor() {
  return (
    <SettingsFieldForm
      testId="settings-stuck"
      label="Call a working agent “stuck?” after (minutes)"
      input={{ className: 'text-input', inputMode: 'numeric', placeholder: String(defaultStuckAfterMinutes) }}
      hint={
        <>
          No output and no change on its screen for this long while working: the thread reads “stuck?” and you are
          notified. 0: never. Rate limits and connection retries show as rate-limited and stalled on their own.
        </>
      }
      saveLabel="Save"
      read={read}
      change={change}
    />
  );
}
