import type { SettingsView } from '../../shared/settings';
import { SettingsFieldForm, type SettingsFieldChange } from './settings-field-form';

const read = (settings: SettingsView) => settings.editorCommand ?? '';
const change = (text: string): SettingsFieldChange => ({ ok: true, value: { editorCommand: text.trim() || null } });

/**
 * The editor "Open in editor" runs: a program and its arguments, without a shell (the host refuses
 * shell syntax, and says so under the field). Blank: VS Code's `code`, else Cursor's `cursor`
 * on PATH, else $VISUAL / $EDITOR.
 */
export function EditorCommandEditor() {
  return (
    <SettingsFieldForm
      testId="settings-editor"
      label="Editor for “Open in editor”"
      input={{
        className: 'text-input mono',
        placeholder: 'automatic: code, else cursor, else $VISUAL / $EDITOR',
        spellCheck: false,
      }}
      hint={
        <>
          A program and its arguments, e.g. <code>code --new-window</code>; the worktree is added last. It runs without
          a shell.
        </>
      }
      saveLabel="Save editor"
      read={read}
      change={change}
    />
  );
}
