import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { engagementFields } from '../fixtures/engagement';
import { expect, test } from './fixtures';

test('backups: back up now saves a copy; restoring it brings the data back after a safety backup', async ({
  app,
  harness,
}) => {
  const created = harness.core.router.invoke(
    'engagement.create',
    engagementFields({ eventName: 'Kept in the backup' }),
  );
  expect(created.ok).toBe(true);
  await app.getByRole('link', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  await expect(section.getByText('No backups yet.', { exact: false })).toBeVisible();

  const download = app.waitForEvent('download');
  await section.getByRole('button', { name: 'Back up now…' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^vigil-.*-manual\.vigilbackup$/);
  const rows = section.getByRole('row');
  await expect(rows).toHaveCount(2);

  // The saved copy, opened again (as from a USB stick), is checked and listed beside the original.
  const chooser = app.waitForEvent('filechooser');
  await section.getByRole('button', { name: 'Open a backup file…' }).click();
  await (await chooser).setFiles({
    name: saved.suggestedFilename(),
    mimeType: 'application/octet-stream',
    buffer: readFileSync(await saved.path()),
  });
  await expect(app.getByText('passed its checks and is listed below')).toBeVisible();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('By you');
  await expect(rows.nth(1).getByRole('cell').nth(2)).toHaveText('1');

  // Something changes after the backup…
  const renamed = harness.core.router.invoke(
    'engagement.create',
    engagementFields({ eventName: 'Made after the backup' }),
  );
  expect(renamed.ok).toBe(true);

  await section
    .getByRole('button', { name: /^Restore vigil-.*-manual\.vigilbackup$/ })
    .first()
    .click();
  const dialog = app.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('(1 engagement)');
  await expect(dialog).toContainText('Your current data is backed up first');
  const axe = await new AxeBuilder({ page: app }).include('[role="dialog"]').include('#backups-title').analyze();
  // Serious and critical only, as the other screens: Mantine's modal header is a second <header>.
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  // The window starts afresh on the restored data: the later engagement is gone.
  await expect(app.getByText('Kept in the backup')).toBeVisible();
  await expect(app.getByText('Made after the backup')).toHaveCount(0);
  await app.getByRole('link', { name: 'Settings' }).click();
  const after = app.getByRole('region', { name: 'Backups' });
  await expect(after.getByRole('row').filter({ hasText: 'Before a restore' })).toHaveCount(1);
});

test('backups: the number kept is saved, and a value out of range is not', async ({ app, harness }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const kept = app.getByRole('region', { name: 'Backups' }).getByLabel('Automatic backups kept');
  await kept.fill('4');
  await expect
    .poll(() => harness.core.router.invoke('settings.get', {}))
    .toMatchObject({ ok: true, value: { backupsKept: 4 } });
  await kept.fill('0');
  await kept.blur();
  expect(harness.core.router.invoke('settings.get', {})).toMatchObject({ value: { backupsKept: 4 } });
});

test('backups: one is deleted after a confirmation naming when it was taken', async ({ app, harness }) => {
  const made = await harness.core.router.invokeAsync('backup.create', {});
  expect(made.ok).toBe(true);
  await app.getByRole('link', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'Backups' });
  await expect(section.getByRole('row')).toHaveCount(2);

  await section.getByRole('button', { name: /^Delete vigil-.*-manual\.vigilbackup$/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Delete this backup?' });
  await expect(dialog).toContainText('This cannot be undone');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

  await expect(section.getByText('No backups yet.', { exact: false })).toBeVisible();
  expect(harness.core.router.invoke('backup.list', {})).toEqual({ ok: true, value: [] });
});
