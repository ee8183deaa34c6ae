import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function engagement(harness: Harness, eventName: string, editionId: string, language: 'en' | 'zh-CN' = 'en') {
  const result = harness.core.router.invoke('engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName,
    eventKind: 'promotion',
    eventStartLocal: '2026-12-11T20:00',
    eventEndLocal: '2026-12-13T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId,
    language,
  });
  if (!result.ok) throw new Error(result.error.message);
  const value: unknown = result.value;
  if (typeof value !== 'object' || value === null || !('id' in value) || typeof value.id !== 'string') {
    throw new Error('engagement.create answered no id');
  }
  return value.id;
}

const row = (app: Page, kind: string, title: string) =>
  app.getByTestId(`optimization-table-${kind}`).locator(`tr[data-optimization="${title}"]`);

test('an emergency plan is added from a template, its owner, due date and status edited, and it stays listed; database optimization says it is not in a Standard edition', async ({
  app,
  harness,
}) => {
  const id = engagement(harness, 'Double 12 2026', 'standard');
  await app.goto(`${harness.url}#/engagements/${id}/optimization`);
  await expect(app.getByRole('heading', { name: 'Optimization plans' })).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Emergency plans (0)' })).toBeVisible();
  await app.getByRole('tab', { name: 'Emergency plans (0)' }).click();

  // From the templates, searched and picked with the keyboard-reachable checkbox.
  await app.getByRole('button', { name: 'Add from templates' }).click();
  const picker = app.getByRole('dialog', { name: 'Add from templates' });
  await picker.getByLabel('Search templates').fill('database');
  await picker.getByRole('checkbox', { name: 'Primary database unavailable' }).check();
  await picker.getByRole('button', { name: 'Add 1 selected' }).click();
  await expect(picker).toBeHidden();
  await expect(app.getByRole('tab', { name: 'Emergency plans (1)' })).toBeVisible();
  const plan = row(app, 'emergency', 'Primary database unavailable');
  await expect(plan).toContainText('RDS health check fails');
  await expect(plan).toContainText('Unassigned');
  await expect(plan).toContainText('Proposed');

  // Edit owner, due date (already past: overdue said in words) and status.
  await plan.getByRole('button', { name: 'Primary database unavailable', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit: Primary database unavailable' });
  await dialog.getByLabel('Owner').fill('Wang Fang (DBA)');
  await dialog.getByLabel('Due date').fill('2026-01-15');
  await dialog.getByRole('combobox', { name: 'Status' }).click();
  await app.getByRole('option', { name: 'In progress', exact: true }).click();
  // A cleared required field is named under the field and nothing is saved.
  await dialog.getByLabel('Trigger').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Say what starts this plan, for example a metric crossing a threshold.')).toBeVisible();
  await app.screenshot({ path: '/tmp/optimization-edit.png' });
  await dialog.getByLabel('Trigger').fill('Write errors above 5% for 1 min');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(plan).toContainText('Wang Fang (DBA)');
  await expect(plan).toContainText('2026-01-15');
  await expect(plan).toContainText('Overdue');
  await expect(plan).toContainText('In progress');
  await expect(plan).toContainText('Write errors above 5% for 1 min');

  // Kept over a reload.
  await app.reload();
  await app.getByRole('tab', { name: 'Emergency plans (1)' }).click();
  await expect(row(app, 'emergency', 'Primary database unavailable')).toContainText('Wang Fang (DBA)');
  await app.screenshot({ path: '/tmp/optimization-emergency.png', fullPage: true });

  // Removed and brought back with Undo.
  await row(app, 'emergency', 'Primary database unavailable')
    .getByRole('button', { name: 'Actions for Primary database unavailable' })
    .click();
  await app.getByRole('menuitem', { name: 'Remove' }).click();
  await expect(app.getByRole('tab', { name: 'Emergency plans (0)' })).toBeVisible();
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(row(app, 'emergency', 'Primary database unavailable')).toContainText('Wang Fang (DBA)');

  // Database optimization belongs to the Advanced edition only.
  await app.getByRole('tab', { name: 'Database (0)' }).click();
  await expect(app.getByTestId('optimization-not-in-edition')).toContainText(
    'not included in the Standard edition of Alibaba Cloud Hypercare',
  );
  await app.getByRole('tab', { name: 'Monitoring (0)' }).click();
  await expect(app.getByTestId('optimization-not-in-edition')).toHaveCount(0);

  const results = await new AxeBuilder({ page: app }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});

test('the template picker copies several monitoring entries at once and marks them added', async ({ app, harness }) => {
  const id = engagement(harness, 'Spring sale 2027', 'advanced');
  await app.goto(`${harness.url}#/engagements/${id}/optimization`);
  await app.getByRole('button', { name: 'Add from templates' }).click();
  const picker = app.getByRole('dialog', { name: 'Add from templates' });
  await picker.getByRole('checkbox', { name: 'Alert when the order queue is older than 5 min' }).check();
  await picker.getByRole('checkbox', { name: 'Alert when the order success rate falls below 99.5%' }).check();
  await picker.getByRole('button', { name: 'Add 2 selected' }).click();
  await expect(app.getByRole('tab', { name: 'Monitoring (2)' })).toBeVisible();
  await expect(row(app, 'monitoring', 'Alert when the order queue is older than 5 min')).toContainText('Application');
  await app.screenshot({ path: '/tmp/optimization-monitoring.png', fullPage: true });

  await app.getByRole('button', { name: 'Add from templates' }).click();
  await expect(picker.getByRole('checkbox', { name: 'Alert when the order queue is older than 5 min' })).toBeDisabled();
  await app.screenshot({ path: '/tmp/optimization-picker.png' });
});

test('a Chinese engagement copies templates in Chinese, and the screen reads in Chinese', async ({ app, harness }) => {
  const id = engagement(harness, '双十二 2026', 'basic', 'zh-CN');
  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN' });
  await app.goto(`${harness.url}#/engagements/${id}/optimization`);
  await expect(app.getByRole('tab', { name: 'Traffic protection (0)' })).toBeVisible();
  // The language is read when the window loads.
  await app.reload();
  await app.getByRole('tab', { name: '流量防护（0）' }).click();
  await app.getByRole('button', { name: '从模板添加' }).click();
  const picker = app.getByRole('dialog', { name: '从模板添加' });
  await picker.getByRole('checkbox', { name: '按压测容量对下单接口限流' }).check();
  await picker.getByRole('checkbox', { name: '公网入口接入 DDoS 高防' }).check();
  await picker.getByRole('button', { name: '添加所选 2 项' }).click();
  await expect(app.getByRole('tab', { name: '流量防护（2）' })).toBeVisible();
  await expect(row(app, 'trafficProtection', '按压测容量对下单接口限流')).toContainText('限流');
  await app.getByRole('tab', { name: '数据库（0）' }).click();
  await expect(app.getByTestId('optimization-not-in-edition')).toContainText('基础版');
  await app.getByRole('tab', { name: '流量防护（2）' }).click();
  await app.screenshot({ path: '/tmp/optimization-zh.png', fullPage: true });
});

test('a kind the edition leaves out is read-only: entries kept from an earlier edition can only be viewed, and its templates cannot be chosen', async ({
  app,
  harness,
}) => {
  const id = engagement(harness, 'Autumn sale 2026', 'advanced');
  const saved = harness.core.router.invoke('optimization.save', {
    engagementId: id,
    item: {
      kind: 'database',
      title: 'Index the order lookup',
      owner: 'Wang Fang (DBA)',
      dueDate: null,
      status: 'agreed',
      priority: 'medium',
      notes: '',
      fields: { area: 'index', instance: 'rds-orders', current: '', proposal: 'Add an index on user and date' },
    },
  });
  if (!saved.ok) throw new Error(saved.error.message);
  // The edition changes to one without database optimization: the entry stays, read-only.
  const updated = harness.core.router.invoke('engagement.update', { id, patch: { editionId: 'standard' } });
  if (!updated.ok) throw new Error(updated.error.message);

  await app.goto(`${harness.url}#/engagements/${id}/optimization`);
  await app.getByRole('tab', { name: 'Database (1)' }).click();
  await expect(app.getByTestId('optimization-not-in-edition')).toContainText('cannot be added, changed or restored');
  await expect(app.getByRole('button', { name: 'Add database change' })).toHaveCount(0);
  await row(app, 'database', 'Index the order lookup')
    .getByRole('button', { name: 'Actions for Index the order lookup' })
    .click();
  await expect(app.getByRole('menuitem', { name: 'View' })).toBeVisible();
  await expect(app.getByRole('menuitem', { name: 'Remove' })).toHaveCount(0);
  await app.getByRole('menuitem', { name: 'View' }).click();
  const dialog = app.getByRole('dialog', { name: 'View: Index the order lookup' });
  await expect(dialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await app.screenshot({ path: '/tmp/optimization-database-read-only.png' });

  await app.getByRole('button', { name: 'Add from templates' }).click();
  const picker = app.getByRole('dialog', { name: 'Add from templates' });
  const template = picker.locator('[data-template="db-slow-queries"]');
  await expect(template.getByRole('checkbox', { name: 'Fix the ten slowest queries before the event' })).toBeDisabled();
  await expect(template).toContainText('Not in this edition');
  // A choice such as the database area is not the line under a title; text is.
  await expect(picker.locator('[data-template="db-read-write-split"]')).not.toContainText('readWriteSplit');
  await app.screenshot({ path: '/tmp/optimization-not-in-edition.png' });
  await picker.getByRole('combobox', { name: 'Kind' }).click();
  await app.getByRole('option', { name: 'Monitoring', exact: true }).click();
  await expect(picker.getByRole('checkbox', { name: 'Alert when the order queue is older than 5 min' })).toBeEnabled();
});
