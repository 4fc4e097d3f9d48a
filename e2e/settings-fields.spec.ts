import { expect, test } from '@playwright/test';
import { useWorkspaceHost } from './support/workspace-host';

const workspace = useWorkspaceHost({ openRepo: true });

test('the editor and "stuck?" fields load, refuse under the field, save on their own and follow another window', async ({
  page,
  context,
}) => {
  await page.goto(workspace().host.url);
  await page.getByTestId('settings-button').click();

  // Loaded: the default minutes, no editor of its own.
  const stuck = page.getByTestId('settings-stuck-input');
  await expect(stuck).toBeEnabled();
  await expect(stuck).toHaveValue('10');
  const editor = page.getByTestId('settings-editor-input');
  await expect(editor).toHaveValue('');

  // A refused number stays in the page, under its field, until it is edited.
  await stuck.fill('ten');
  await page.getByTestId('settings-stuck-save').click();
  await expect(page.getByTestId('settings-stuck-error')).toContainText('whole number from 1 to 1440');
  await expect(stuck).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-stuck-saved')).toHaveCount(0);
  await stuck.fill('25');
  await expect(stuck).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-stuck-error')).toHaveCount(0);
  await page.getByTestId('settings-stuck-save').click();
  await expect(page.getByTestId('settings-stuck-saved')).toHaveText('Saved.');
  await expect(page.getByTestId('settings-editor-saved')).toHaveCount(0);

  // Shell syntax is the host's to refuse, and it says so under the field.
  await editor.fill('code && rm -rf /');
  await page.getByTestId('settings-editor-save').click();
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-editor-error')).toBeVisible();
  await editor.fill('code --new-window');
  await page.getByTestId('settings-editor-save').click();
  await expect(page.getByTestId('settings-editor-saved')).toHaveText('Saved.');

  // A second window loads what was saved, and the first follows what the second saves.
  const other = await context.newPage();
  await other.goto(workspace().host.url);
  await other.getByTestId('settings-button').click();
  await expect(other.getByTestId('settings-stuck-input')).toHaveValue('25');
  await expect(other.getByTestId('settings-editor-input')).toHaveValue('code --new-window');
  await other.getByTestId('settings-stuck-input').fill('0');
  await other.getByTestId('settings-stuck-save').click();
  await expect(other.getByTestId('settings-stuck-saved')).toBeVisible();
  await expect(stuck).toHaveValue('0');
  await other.getByTestId('settings-editor-input').fill('');
  await other.getByTestId('settings-editor-save').click();
  await expect(other.getByTestId('settings-editor-saved')).toBeVisible();
  await expect(editor).toHaveValue('');
});
