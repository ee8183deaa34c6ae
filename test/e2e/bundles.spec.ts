import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { openBundleFile } from '../../electron/core/services/bundles';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

/** Serious and critical accessibility problems inside the open dialog. */
async function dialogViolations(app: import('@playwright/test').Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page: app }).include('[role="dialog"]').analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

const shot = (name: string) => test.info().outputPath(`${name}.png`);

function seedEngagement(harness: Harness): string {
  const engagementId = invoke(harness, 'engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName: 'Double 12 2026',
    eventKind: 'promotion',
    eventStartLocal: '2026-12-11T20:00',
    eventEndLocal: '2026-12-13T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId: 'standard',
    language: 'en',
  }).id;
  invoke(harness, 'finding.create', {
    engagementId,
    severity: 'high',
    title: 'No standby database',
    description: 'The order database has no standby.',
    affectedResources: [],
    recommendation: 'Add a standby in another zone.',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  return engagementId;
}

test('an engagement exported with a passphrase is imported again beside itself (keep both)', async ({
  app,
  harness,
}) => {
  const engagementId = seedEngagement(harness);
  await app.goto(`${harness.url}#/engagements/${engagementId}/overview`);
  await app.getByRole('button', { name: 'Export bundle…' }).click();
  const exportDialog = app.getByRole('dialog', { name: 'Export "Double 12 2026" as a bundle' });
  await exportDialog.getByLabel('Passphrase (optional)').fill('handover secret 42');
  await exportDialog.getByLabel('Passphrase again').fill('handover secret 4');
  await exportDialog.getByRole('button', { name: 'Export' }).click();
  await expect(exportDialog.getByText('The two passphrases differ.')).toBeVisible();
  await app.screenshot({ animations: 'disabled', path: shot('bundle-export') });
  expect(await dialogViolations(app)).toEqual([]);
  await exportDialog.getByLabel('Passphrase again').fill('handover secret 42');
  const downloaded = app.waitForEvent('download');
  await exportDialog.getByLabel('Passphrase again').press('Enter');
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^Double 12 2026 \d{4}-\d{2}-\d{2}\.vigil$/);
  const bytes = readFileSync(await download.path());
  await expect(exportDialog).toBeHidden();

  await app.goto(`${harness.url}#/`);
  await app.getByRole('button', { name: 'Import bundle…' }).click();
  const importDialog = app.getByRole('dialog', { name: 'Import an engagement bundle' });
  await expect(importDialog.getByText('Drop a .vigil file here, or press Enter to choose one')).toBeVisible();
  await app.screenshot({ animations: 'disabled', path: shot('bundle-import-1-choose') });
  await app.locator('input[type="file"]').setInputFiles({
    name: 'double-12.vigil',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await expect(importDialog.getByText('double-12.vigil is encrypted.')).toBeVisible();
  await importDialog.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
  await importDialog.getByLabel('Passphrase', { exact: true }).press('Enter');
  await expect(importDialog.getByText('The passphrase is not the one the bundle was encrypted with.')).toBeVisible();
  await app.screenshot({ animations: 'disabled', path: shot('bundle-import-2-passphrase') });
  await importDialog.getByLabel('Passphrase', { exact: true }).fill('handover secret 42');
  await importDialog.getByLabel('Passphrase', { exact: true }).press('Enter');

  const summary = importDialog.getByTestId('bundle-summary');
  await expect(summary).toContainText('Double 12 2026');
  await expect(summary).toContainText('Hangzhou Example Retail');
  await expect(summary).toContainText('Vigil ');
  await expect(importDialog.getByText('This engagement is already here')).toBeVisible();
  await expect(importDialog.getByRole('radio', { name: /Keep both/ })).toBeChecked();
  await importDialog.getByRole('radio', { name: /Replace/ }).check();
  await expect(importDialog.getByText(/A backup of everything is taken first/)).toBeVisible();
  await app.screenshot({ animations: 'disabled', path: shot('bundle-import-3-exists') });
  expect(await dialogViolations(app)).toEqual([]);
  await importDialog.getByRole('radio', { name: /Keep both/ }).check();
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(app.getByRole('heading', { name: 'Double 12 2026 (imported)', level: 1 })).toBeVisible();
  await app.goto(`${harness.url}#/`);
  await expect(app.getByRole('link', { name: 'Double 12 2026 (imported)' })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Double 12 2026', exact: true })).toBeVisible();
});

test('a file that is not a bundle is refused with its reason, and nothing changes', async ({ app, harness }) => {
  seedEngagement(harness);
  await app.goto(`${harness.url}#/`);
  await expect(app.getByRole('link', { name: 'Double 12 2026' })).toBeVisible();
  await app.getByRole('button', { name: 'Import bundle…' }).click();
  const importDialog = app.getByRole('dialog', { name: 'Import an engagement bundle' });
  await app.locator('input[type="file"]').setInputFiles({
    name: 'holiday-photos.vigil',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('These are not the bytes of a zip file at all.'),
  });
  const refusal = importDialog.getByTestId('bundle-refused');
  await expect(refusal).toContainText('This file was not imported');
  await expect(refusal).toContainText('This is not a Vigil bundle, or it was cut short');
  await expect(refusal).toContainText('holiday-photos.vigil');
  await expect(refusal).toContainText('Nothing was changed.');
  await app.screenshot({ animations: 'disabled', path: shot('bundle-import-refused') });
  expect(await dialogViolations(app)).toEqual([]);
  await importDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByRole('row')).toHaveCount(2);
});

test('in Chinese: the summary of a bundle already here, and a refusal naming the file', async ({ app, harness }) => {
  const engagementId = seedEngagement(harness);
  const exported = await harness.core.router.invokeAsync('bundle.export', { engagementId });
  if (!exported.ok) throw new Error(exported.error.message);
  const { exportId } = exported.value as { exportId: string };
  const part = harness.core.router.invoke('bundle.exportChunk', { exportId, index: 0 });
  if (!part.ok) throw new Error(part.error.message);
  const bytes = Buffer.from((part.value as { dataBase64: string }).dataBase64, 'base64');
  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN' });
  await app.reload();
  await app.getByRole('button', { name: '导入数据包…' }).click();
  const importDialog = app.getByRole('dialog', { name: '导入项目数据包' });
  await app.locator('input[type="file"]').setInputFiles({
    name: '双12.vigil',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  await expect(importDialog.getByTestId('bundle-summary')).toContainText('Hangzhou Example Retail');
  await expect(importDialog.getByText('该项目已存在')).toBeVisible();
  await app.screenshot({ animations: 'disabled', path: shot('bundle-import-zh') });
  await app.keyboard.press('Escape');
  await expect(importDialog).toBeHidden();
  await app.getByRole('button', { name: '导入数据包…' }).click();
  await app.locator('input[type="file"]').setInputFiles({
    name: '照片.vigil',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK not really'),
  });
  const refusal = app.getByTestId('bundle-refused');
  await expect(refusal).toContainText('此文件未导入');
  await expect(refusal).toContainText('照片.vigil');
  await expect(refusal).toContainText('未做任何更改。');
});

test('a bundle opened from the desktop opens the import on it, wherever the consultant is', async ({
  app,
  harness,
}) => {
  const engagementId = seedEngagement(harness);
  const exported = await harness.core.router.invokeAsync('bundle.export', { engagementId });
  if (!exported.ok) throw new Error(exported.error.message);
  const { exportId } = exported.value as { exportId: string };
  const part = harness.core.router.invoke('bundle.exportChunk', { exportId, index: 0 });
  if (!part.ok) throw new Error(part.error.message);
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-desktop-')), 'Double 12 handover.vigil');
  writeFileSync(path, Buffer.from((part.value as { dataBase64: string }).dataBase64, 'base64'));
  await app.goto(`${harness.url}#/settings`);

  // What the Electron shell does when the file is double-clicked.
  openBundleFile(harness.core.context, path);

  const importDialog = app.getByRole('dialog', { name: 'Import an engagement bundle' });
  await expect(importDialog.getByText('This engagement is already here')).toBeVisible();
  await expect(importDialog).toContainText('Double 12 2026');
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Double 12 2026 (imported)', level: 1 })).toBeVisible();
});
