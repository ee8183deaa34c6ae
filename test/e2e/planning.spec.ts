import AxeBuilder from '@axe-core/playwright';
import { engagementFields } from '../fixtures/engagement';
import { expect, test } from './fixtures';

test('an Alibaba Standard engagement made in the wizard shows the lead-time warning, and its override survives a reload', async ({
  app,
}) => {
  await app.keyboard.press('n');
  const dialog = app.getByRole('dialog', { name: 'New engagement' });
  await expect(dialog.getByRole('radio', { name: /Standard/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Next' }).click();

  await dialog.getByLabel('Customer organisation').fill('Hangzhou Example Retail');
  await dialog.getByLabel('Event name').fill('Double 12 2026');
  await dialog.getByLabel('Starts').fill('2026-12-11T20:00');
  await dialog.getByLabel('Ends').fill('2026-12-13T02:00');
  await dialog.getByRole('combobox', { name: 'Event time zone' }).fill('Asia/Shanghai');
  await app.getByRole('option', { name: 'Asia/Shanghai' }).click();
  await dialog.getByLabel('Application date (N)').fill('2026-11-16');
  await dialog.getByLabel('Order date').fill('2026-11-20');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByLabel('Peak QPS').fill('120000');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await dialog.getByLabel('Name').fill('Li Wei');
  await dialog.getByRole('button', { name: 'Create engagement' }).click();

  const leadTime = app.locator('[data-rule="lead-time:request-before-order"]');
  await expect(leadTime).toContainText('4 business days before the order');
  await expect(leadTime).toContainText('at least 15 are required');
  await expect(leadTime).toContainText('Cloud Hypercare Service SOW');
  // The customer contact was marked project manager, so that warning is absent.
  await expect(app.locator('[data-rule="contacts:customer-project-manager"]')).toHaveCount(0);

  await leadTime.getByRole('button', { name: 'Override with a reason' }).click();
  const override = app.getByRole('dialog', { name: 'Go ahead despite this warning' });
  await override.getByLabel('Reason').fill('no');
  await override.getByRole('button', { name: 'Record override' }).click();
  await expect(override.getByText('at least 5 characters')).toBeVisible();
  await override.getByLabel('Reason').fill('Customer PM confirmed the order date by email on 2026-11-16.');
  await override.getByRole('button', { name: 'Record override' }).click();
  await expect(leadTime.getByTestId('override-note')).toContainText('Customer PM confirmed the order date by email');

  await app.reload();
  await expect(app.getByTestId('plan-tasks')).toBeVisible();
  await expect(
    app.getByTestId('plan-tasks').getByRole('textbox', { name: 'Task: On-demand stress testing' }),
  ).toBeVisible();
  await expect(app.locator('[data-rule="lead-time:request-before-order"]').getByTestId('override-note')).toContainText(
    'Customer PM confirmed the order date by email',
  );
  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  expect(serious).toEqual([]);
});

test('a RACI edit without an Accountable is refused on the task and nothing changes', async ({ app, harness }) => {
  const created = harness.core.router.invoke('engagement.createPlanned', {
    engagement: {
      customerOrg: 'Lumen Games',
      eventName: 'Starfall launch',
      eventKind: 'gameLaunch',
      eventStartLocal: '2026-12-04T18:00',
      eventEndLocal: '2026-12-06T06:00',
      timeZone: 'Europe/Berlin',
      catalogId: 'huawei-key-event-on-duty',
      editionId: 'standard',
      language: 'en',
    },
    plan: { settings: { applicationDate: '2026-11-02' } },
  });
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: string };
  await app.goto(`${harness.url}#/engagements/${id}/plan`);
  const tasks = app.getByTestId('plan-tasks');
  const firstCustomerRaci = tasks.getByLabel(/^Customer RACI: /).first();
  const before = await firstCustomerRaci.inputValue();
  await firstCustomerRaci.fill('C/I');
  await firstCustomerRaci.blur();
  await expect(
    tasks.getByText('A task needs exactly one A (Accountable) and at least one R (Responsible).'),
  ).toBeVisible();
  await app.reload();
  await expect(
    app
      .getByTestId('plan-tasks')
      .getByLabel(/^Customer RACI: /)
      .first(),
  ).toHaveValue(before);
});

test('a peak figure typed on the overview is saved when the field is left', async ({ app, harness }) => {
  const created = harness.core.router.invoke('engagement.create', engagementFields());
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: string };
  await app.goto(`${harness.url}#/engagements/${id}/overview`);
  const qps = app.getByLabel('Peak QPS');
  await qps.fill('120000');
  await qps.blur();
  await expect
    .poll(() => {
      const plan = harness.core.router.invoke('plan.get', { engagementId: id });
      return plan.ok ? (plan.value as { details: { peak: { qps: number | null } } }).details.peak.qps : null;
    })
    .toBe(120000);
  await app.reload();
  await expect(app.getByLabel('Peak QPS')).toHaveValue('120,000');
});
