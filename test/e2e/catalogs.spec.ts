import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { firmCatalog } from '../fixtures/catalog';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a firm duplicates Alibaba, edits the Standard cap, and the edit survives a reload', async ({ app }) => {
  await app.getByRole('navigation').getByRole('link', { name: 'Catalogs' }).click();
  const table = app.getByTestId('catalog-table');
  await expect(table.getByRole('link', { name: 'Alibaba Cloud Hypercare Service' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'Huawei Cloud Key Event On-Duty Service' })).toBeVisible();

  await table.getByRole('link', { name: 'Alibaba Cloud Hypercare Service' }).click();
  await expect(app.getByTestId('cap-standard')).toHaveText('≤ 10 days');
  await app.getByRole('button', { name: 'Duplicate' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel('New catalog id').fill('acme-hypercare');
  await dialog.getByLabel('Name in English').fill('Acme Hypercare');
  await dialog.getByLabel('Name in Simplified Chinese').fill('Acme 重保服务');
  await dialog.getByRole('button', { name: 'Duplicate' }).click();

  await expect(app).toHaveURL(/#\/catalogs\/acme-hypercare$/);
  await expect(app.getByRole('heading', { level: 1, name: 'Acme Hypercare' })).toBeVisible();
  await expect(app.getByTestId('catalog-origin')).toHaveText('Firm');
  await app.getByRole('button', { name: 'Edit' }).click();
  await app.getByRole('textbox', { name: 'Standard: Service duration cap' }).fill('12');
  await app.getByRole('button', { name: 'Save new version' }).click();
  await expect(app.getByTestId('catalog-editor')).toBeHidden();
  await expect(app.getByTestId('catalog-version')).toHaveText('Version 1.0.1');

  await app.reload();
  await expect(app.getByTestId('cap-standard')).toHaveText('≤ 12 days');
  await app.getByRole('link', { name: 'All catalogs' }).click();
  await expect(app.getByTestId('catalog-table').getByRole('row', { name: /Acme Hypercare/ })).toContainText('1.0.1');
});

test('an edit the schema refuses shows the problem on its field and saves nothing', async ({ app, harness }) => {
  harness.core.router.invoke('catalog.import', { fileName: 'acme.json', text: JSON.stringify(firmCatalog()) });
  await app.goto(`${harness.url}#/catalogs/acme-hypercare`);
  await app.getByRole('button', { name: 'Edit' }).click();
  await app.getByRole('textbox', { name: 'Advanced: Service duration cap' }).fill('0');
  await app.getByRole('button', { name: 'Save new version' }).click();
  await expect(app.getByTestId('catalog-save-errors')).toContainText(
    'editions[2].maxServiceDays: expected a positive integer',
  );
  await expect(app.getByText('Enter a whole number of 1 or more.')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('catalog-version')).toHaveText('Version 1.0');
});

test('importing an invalid file lists every error path and adds no catalog', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/catalogs`);
  const catalog = firmCatalog();
  const broken = {
    ...catalog,
    editions: catalog.editions.map((e, i) => (i === 2 ? { ...e, maxServiceDays: 'fifteen' } : e)),
    onSite: { ...catalog.onSite, holidayMultiplier: 0 },
  };
  await app.getByTestId('catalog-import-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const dialog = app.getByRole('dialog', { name: 'broken.json was not imported' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('catalog-import-errors').getByRole('listitem')).toHaveText([
    'editions[2].maxServiceDays: expected a positive integer',
    'onSite.holidayMultiplier: expected a number ≥ 1',
  ]);
  expect(await seriousViolations(app)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('catalog-table').getByRole('row')).toHaveCount(3);
});

test('a valid file is imported and opened', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/catalogs`);
  await app.getByTestId('catalog-import-input').setInputFiles({
    name: 'acme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(firmCatalog())),
  });
  await expect(app).toHaveURL(/#\/catalogs\/acme-hypercare$/);
  await expect(app.getByTestId('catalog-origin')).toHaveText('Firm');
});

test('the catalog pages have no serious or critical accessibility violations', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/catalogs`);
  await expect(app.getByTestId('catalog-table')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  await app.goto(`${harness.url}#/catalogs/alibaba-hypercare`);
  await expect(app.getByTestId('edition-matrix')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  for (const tab of ['Rules', 'Deliverables and acceptance', 'RACI', 'Plan template']) {
    await app.getByRole('tab', { name: tab }).click();
    await expect(app.getByRole('tabpanel')).toBeVisible();
    expect(await seriousViolations(app), tab).toEqual([]);
  }
});

test('the catalog content follows the interface language', async ({ app, harness }) => {
  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN' });
  await app.goto(`${harness.url}#/catalogs/huawei-key-event-on-duty`);
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: '华为云重大活动值守服务' })).toBeVisible();
  await expect(app.getByTestId('edition-matrix')).toContainText('性能测试');
});
