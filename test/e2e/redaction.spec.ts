import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

const PASSWORD = 'Hunter2-Prod';

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

function seed(harness: Harness) {
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
    title: 'Database password in the runbook',
    description: `The nightly job connects with mysql://app:${PASSWORD}@rds-orders.internal:3306/orders.`,
    affectedResources: [],
    recommendation: 'Move the credentials to a secrets manager.',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  return engagementId;
}

test('the deliverables secrets check shows a hit masked, and a Keep decision survives a reload', async ({
  app,
  harness,
}) => {
  const engagementId = seed(harness);
  await app.goto(`${harness.url}#/engagements/${engagementId}/deliverables`);

  const table = app.getByTestId('secrets-table');
  const row = table.locator('tr[data-hit="connectionStringPassword"]');
  await expect(row).toBeVisible();
  await expect(app.getByTestId('secrets-count')).toHaveText('1 hit');
  await expect(row).toContainText('Database password in the runbook');
  await expect(row).toContainText('Password in a connection string');
  await expect(row).toContainText('mysql://app:••••@rds-orders');
  await expect(app.getByTestId('secrets-status')).toHaveText('1 undecided: it will be masked.');
  await expect(app.getByTestId('deliverable-work-plan')).toBeVisible();
  // The secret never reaches the screen.
  await expect(app.locator('body')).not.toContainText(PASSWORD);

  const decision = row.getByRole('radiogroup', { name: /In deliverables: Password in a connection string/ });
  await decision.getByText('Keep', { exact: true }).click();
  await expect(row).toHaveAttribute('data-decision', 'keep');
  await expect(app.getByTestId('secrets-status')).toHaveText('1 hit, decided.');

  await app.reload();
  await expect(row).toHaveAttribute('data-decision', 'keep');
  await expect(row.getByRole('radio', { name: 'Keep' })).toBeChecked();
  await expect(app.getByTestId('secrets-status')).toHaveText('1 hit, decided.');
  const stored = harness.core.router.invoke('redaction.scan', { engagementId });
  expect(stored.ok && (stored.value as { decision: string }[])[0]?.decision).toBe('keep');

  expect(await seriousViolations(app)).toEqual([]);

  // Masking again is saved too, and reads as clearly.
  await decision.getByText('Mask', { exact: true }).click();
  await expect(row).toHaveAttribute('data-decision', 'mask');
  await app.waitForTimeout(300);
  expect(await seriousViolations(app)).toEqual([]);
});

/** Serious and critical axe violations, each with the elements at fault. */
async function seriousViolations(app: Page) {
  const results = await new AxeBuilder({ page: app }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('; ')}`);
}
