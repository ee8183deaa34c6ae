import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Core } from '../../electron/core/index';
import { engagementFields } from '../fixtures/engagement';
import { insertFindingRow } from '../fixtures/large-engagement';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function createEngagement(core: Core, fields: Parameters<typeof engagementFields>[0]): string {
  const result = core.router.invoke('engagement.create', engagementFields(fields));
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { id: string }).id;
}

function addFinding(core: Core, engagementId: string, title: string, description: string): string {
  const id = core.context.newId();
  const at = core.context.now();
  insertFindingRow(core.context.store.sqlite, {
    id,
    created_at: at,
    updated_at: at,
    updated_by: 'e2e',
    device_id: core.context.deviceId,
    engagement_id: engagementId,
    severity: 'high',
    title,
    description,
    recommendation: '扩容并配置自动故障转移。',
  });
  return id;
}

test('Ctrl+K, a customer name and Enter open the engagement', async ({ app, harness }) => {
  const id = createEngagement(harness.core, { customerOrg: 'Hangzhou Example Retail', eventName: 'Double 11 2026' });
  createEngagement(harness.core, { customerOrg: 'Ningbo Harbour Logistics', eventName: 'Spring sale' });
  await app.reload();
  await app.getByRole('banner').waitFor();

  // Ctrl+K works while a field has the focus, too.
  await app.getByRole('textbox', { name: 'Search customer or event' }).click();
  await app.keyboard.press('Control+K');
  const dialog = app.getByRole('dialog', { name: 'Search' });
  const box = dialog.getByRole('combobox', { name: 'Search engagements, answers and findings' });
  await expect(box).toBeFocused();
  await box.pressSequentially('Example Ret');
  const options = dialog.getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Double 11 2026');
  await expect(options.first().locator('mark')).toHaveText('Example Ret');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');

  await expect(dialog).toBeHidden();
  await expect(app).toHaveURL(new RegExp(`#/engagements/${id}/overview$`));
  await expect(app.getByRole('heading', { name: 'Double 11 2026' })).toBeVisible();
});

test('a two-character Chinese query finds a finding with the word highlighted; arrows choose; axe passes', async ({
  app,
  harness,
}) => {
  const engagementId = createEngagement(harness.core, {
    customerOrg: '上海游戏科技',
    eventName: '新游上线',
    language: 'zh-CN',
  });
  addFinding(harness.core, engagementId, '数据库连接池上限过低', '压测时连接池耗尽，出现故障。');
  addFinding(harness.core, engagementId, 'Cache hot key not split', '热点 key 导致单节点故障。');
  await app.reload();
  await app.getByRole('banner').waitFor();

  // The header button opens the same search.
  await app.getByRole('button', { name: 'Search', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Search' });
  const box = dialog.getByRole('combobox');
  await box.fill('故障');
  const options = dialog.getByRole('option');
  await expect(options).toHaveCount(2);
  for (const option of await options.all()) await expect(option.locator('mark')).toHaveText('故障');
  await expect(dialog.getByText('2 results')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);

  await box.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id')) ?? '');
  await box.press('ArrowDown');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');

  // Nothing found says so, and stays accessible.
  await box.fill('zzzz-none');
  await expect(dialog.getByText('Nothing matches "zzzz-none".')).toBeVisible();
  await expect(options).toHaveCount(0);
  expect(await seriousViolations(app)).toEqual([]);

  await box.fill('故障');
  await expect(options).toHaveCount(2);
  await box.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app).toHaveURL(new RegExp(`#/engagements/${engagementId}/findings$`));

  // Ctrl+K opens it again, empty; Escape closes.
  await app.keyboard.press('Control+K');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await box.press('Escape');
  await expect(dialog).toBeHidden();
});
