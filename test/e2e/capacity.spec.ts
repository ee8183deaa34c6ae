import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

function engagement(harness: Harness, fields: Record<string, string> = {}) {
  const id = invoke(harness, 'engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName: 'Double 12 2026',
    eventKind: 'promotion',
    eventStartLocal: '2026-12-11T20:00',
    eventEndLocal: '2026-12-13T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId: 'standard',
    language: 'en',
    ...fields,
  }).id;
  invoke(harness, 'plan.updateDetails', {
    engagementId: id,
    details: {
      peak: { qps: 12_000, tps: 3_000, concurrentUsers: null, bandwidth: 1.2, bandwidthUnit: 'Gbps' },
      objectives: '',
      slos: [],
    },
  });
  return id;
}

const row = (app: Page, name: string) => app.getByTestId('capacity-table').locator(`tr[data-capacity-item="${name}"]`);

test('a resource added from scope shows its headroom, scaling and the finding it raised; remove is undone', async ({
  app,
  harness,
}) => {
  const id = engagement(harness);
  invoke(harness, 'plan.saveResource', {
    engagementId: id,
    resource: { resourceType: 'compute', spec: 'ecs.c7.2xlarge', count: 8, region: 'cn-hangzhou', notes: '' },
  });
  await app.goto(`${harness.url}#/engagements/${id}/capacity`);
  await expect(app.getByTestId('capacity-forecast')).toContainText('Peak QPS: 12,000');
  await app.getByRole('button', { name: 'Add from resources in scope' }).click();
  const seeded = row(app, 'ecs.c7.2xlarge · cn-hangzhou');
  await expect(seeded).toContainText('Missing: QPS one instance sustains');

  // Complete it: 8 × 1,500 QPS against 12,000 QPS × 1.2 with a 30 % margin.
  await seeded.getByRole('button', { name: 'Actions for ecs.c7.2xlarge · cn-hangzhou' }).click();
  await app.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit the capacity evaluation' });
  await expect(dialog.getByLabel('Instances')).toHaveValue('8');
  await dialog.getByLabel('Safety margin (%)').fill('99');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(
    dialog.getByText('Enter a safety margin from 0 to 95 %, or leave it empty for the default.'),
  ).toBeVisible();
  await dialog.getByLabel('Safety margin (%)').fill('');
  await dialog.getByLabel('QPS one instance sustains').fill('1500');
  await dialog.getByLabel('Requests per forecast request (fan-out)').fill('1.2');
  await expect(dialog.getByText('Scale out from 8 to 14 instances.')).toBeVisible();
  await app.screenshot({ path: '/tmp/capacity-modal.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(seeded).toContainText('12,000 QPS');
  await expect(seeded).toContainText('14,400 QPS');
  await expect(seeded).toContainText('−20 %: peak exceeds capacity');
  await expect(seeded).toContainText('Scale out from 8 to 14 instances.');
  await expect(app.getByTestId('capacity-counts')).toContainText(
    '1 resource evaluated · 1 below margin · 0 incomplete',
  );
  await app.screenshot({ path: '/tmp/capacity-en.png', fullPage: true });

  const accessibility = await new AxeBuilder({ page: app }).include('main').analyze();
  expect(
    accessibility.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);

  // The finding it raised, one click away.
  await seeded.getByRole('link', { name: 'Finding: Open' }).click();
  await expect(app).toHaveURL(/\/findings$/);
  await expect(
    app.getByText(
      'Capacity below margin: ecs.c7.2xlarge · cn-hangzhou Requests per second (headroom −20 %, margin 30 %)',
    ),
  ).toBeVisible();

  // Removed, then brought back with Undo.
  await app.goto(`${harness.url}#/engagements/${id}/capacity`);
  await row(app, 'ecs.c7.2xlarge · cn-hangzhou')
    .getByRole('button', { name: /Actions for/ })
    .click();
  await app.getByRole('menuitem', { name: 'Remove' }).click();
  await expect(app.getByRole('heading', { name: 'No resources evaluated yet' })).toBeVisible();
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(row(app, 'ecs.c7.2xlarge · cn-hangzhou')).toContainText('Scale out from 8 to 14 instances.');
});

test('a resource added by hand names the field in error, and the screen reads in Chinese', async ({ app, harness }) => {
  const id = engagement(harness, { language: 'zh-CN' });
  await app.goto(`${harness.url}#/engagements/${id}/capacity`);
  await app.getByRole('button', { name: 'Add resource' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Add a resource to evaluate' });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByText('Name the resource evaluated, for example the order service instances.')).toBeVisible();
  await dialog.getByLabel('Name').fill('Checkout SLB');
  await dialog.getByRole('combobox', { name: 'Formula' }).click();
  await app.getByRole('option', { name: 'Bandwidth (Mbps)', exact: true }).click();
  await dialog.getByLabel('Bandwidth cap (Mbps)').fill('1000');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row(app, 'Checkout SLB')).toContainText('Raise the load balancer bandwidth cap from 1 Gbps to 2 Gbps.');

  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN' });
  await app.reload();
  await expect(row(app, 'Checkout SLB')).toContainText('将负载均衡带宽上限从 1 Gbps 提升至 2 Gbps。');
  await expect(row(app, 'Checkout SLB')).toContainText('−20%：峰值超过容量');
  await app.screenshot({ path: '/tmp/capacity-zh.png', fullPage: true });
});

test('a Basic engagement says capacity evaluation is not in its edition', async ({ app, harness }) => {
  const id = engagement(harness, { editionId: 'basic' });
  await app.goto(`${harness.url}#/engagements/${id}/capacity`);
  await expect(app.getByTestId('capacity-not-in-edition')).toContainText('not included in the Basic edition');
  await expect(app.getByRole('button', { name: 'Add resource' })).toHaveCount(0);
});
