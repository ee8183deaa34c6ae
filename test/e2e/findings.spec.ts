import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

function engagement(harness: Harness, eventName: string) {
  return invoke(harness, 'engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName,
    eventKind: 'promotion',
    eventStartLocal: '2026-12-11T20:00',
    eventEndLocal: '2026-12-13T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId: 'standard',
    language: 'en',
  }).id;
}

function seedFinding(harness: Harness, engagementId: string, title: string, severity: string) {
  invoke(harness, 'finding.create', {
    engagementId,
    severity,
    title,
    description: '',
    affectedResources: [],
    recommendation: '',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
}

/** Serious and critical axe violations, each with the elements at fault. */
function seriousViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>) {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('; ')}`);
}

const row = (app: Page, title: string) => app.getByTestId('findings-table').locator(`tr[data-finding="${title}"]`);

async function setBulkStatus(app: Page, status: string) {
  await app.getByTestId('bulk-bar').getByRole('combobox', { name: 'Set status to' }).click();
  await app.getByRole('option', { name: status, exact: true }).click();
  await app.getByTestId('bulk-bar').getByRole('button', { name: 'Apply' }).click();
}

test('findings are added by hand, filtered, changed in bulk with the disposition rule, kept over a reload, and shared through the library', async ({
  app,
  harness,
}) => {
  const first = engagement(harness, 'Double 12 2026');
  const second = engagement(harness, 'Spring sale 2027');
  seedFinding(harness, first, 'Alarm thresholds are defaults', 'low');
  seedFinding(harness, first, 'Auto scaling max is too low', 'medium');
  await app.goto(`${harness.url}#/engagements/${first}/findings`);
  await expect(row(app, 'Auto scaling max is too low')).toBeVisible();

  // By hand, every field.
  await app.getByRole('button', { name: 'Add finding' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add a finding' });
  await dialog.getByLabel('Title').fill('No WAF in front of checkout');
  await dialog.getByRole('combobox', { name: 'Severity' }).click();
  await app.getByRole('option', { name: 'Critical', exact: true }).click();
  await dialog.getByLabel('Due date').fill('2026-12-01');
  await dialog.getByLabel('Description').fill('Checkout is reachable from the internet without a WAF.');
  await dialog.getByRole('combobox', { name: 'Affected resources' }).fill('slb-checkout');
  await dialog.getByRole('combobox', { name: 'Affected resources' }).press('Enter');
  await dialog.getByLabel('Recommendation').fill('Put WAF in front of the checkout SLB.');
  await dialog.getByLabel('Owner').fill('Li Wei');
  await dialog.getByRole('button', { name: 'Add finding' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(app, 'No WAF in front of checkout')).toContainText('Critical');
  await expect(row(app, 'No WAF in front of checkout')).toContainText('slb-checkout');
  // Sorted by severity: critical first.
  await expect(app.getByTestId('findings-table').locator('tbody tr').first()).toHaveAttribute(
    'data-finding',
    'No WAF in front of checkout',
  );
  await expect(app.getByTestId('severity-summary').locator('[data-severity="critical"]')).toContainText('1');

  // Filters: search, then severity from the summary strip.
  await app.getByLabel('Search findings').fill('scaling');
  await expect(app.getByTestId('findings-table').locator('tbody tr')).toHaveCount(1);
  await app.getByLabel('Search findings').fill('');
  await app.getByTestId('severity-summary').locator('[data-severity="low"]').click();
  await expect(app.getByTestId('findings-table').locator('tbody tr')).toHaveCount(1);
  await expect(row(app, 'Alarm thresholds are defaults')).toBeVisible();
  await app.getByTestId('severity-summary').locator('[data-severity="low"]').click();
  await expect(app.getByTestId('findings-table').locator('tbody tr')).toHaveCount(3);

  // Two rectified at once.
  await app.getByRole('checkbox', { name: 'Select Alarm thresholds are defaults' }).check();
  await app.getByRole('checkbox', { name: 'Select Auto scaling max is too low' }).check();
  await expect(app.getByTestId('bulk-bar')).toContainText('2 findings selected');
  await setBulkStatus(app, 'Rectified');
  await expect(row(app, 'Alarm thresholds are defaults')).toContainText('Rectified');
  await expect(row(app, 'Auto scaling max is too low')).toContainText('Rectified');
  await expect(app.getByTestId('bulk-bar')).toBeHidden();

  // Risk accepted needs the disposition.
  await app.getByRole('checkbox', { name: 'Select No WAF in front of checkout' }).check();
  await setBulkStatus(app, 'Risk accepted');
  const accept = app.getByRole('dialog', { name: 'Accept the risk of 1 finding' });
  await accept.getByRole('button', { name: 'Accept risk' }).click();
  await expect(accept.getByText('Record the disposition: who accepted the risk and why.')).toBeVisible();
  await accept.getByLabel('Disposition').fill('Customer CTO accepted on 2026-11-30: WAF after the event.');
  await accept.getByRole('button', { name: 'Accept risk' }).click();
  await expect(accept).toBeHidden();
  await expect(row(app, 'No WAF in front of checkout')).toContainText('Risk accepted');

  // The edit dialog says the same when the disposition is emptied.
  await row(app, 'No WAF in front of checkout')
    .getByRole('button', { name: 'No WAF in front of checkout', exact: true })
    .click();
  const edit = app.getByRole('dialog', { name: 'Edit finding' });
  await expect(edit.getByLabel('Disposition')).toHaveValue(/Customer CTO accepted/);
  await edit.getByLabel('Disposition').fill('');
  await edit.getByRole('button', { name: 'Save finding' }).click();
  await expect(edit.getByText('Record the disposition: who accepted the risk and why.')).toBeVisible();
  await edit.getByRole('button', { name: 'Cancel' }).first().click();

  await app.reload();
  await expect(row(app, 'No WAF in front of checkout')).toContainText('Risk accepted');
  await expect(row(app, 'Alarm thresholds are defaults')).toContainText('Rectified');
  await expect(row(app, 'Auto scaling max is too low')).toContainText('Rectified');
  await expect(row(app, 'No WAF in front of checkout')).toContainText('2026-12-01');

  const results = await new AxeBuilder({ page: app }).analyze();
  expect(seriousViolations(results)).toEqual([]);

  // Into the library, and from there into another engagement.
  await row(app, 'No WAF in front of checkout')
    .getByRole('button', { name: 'Actions for No WAF in front of checkout' })
    .click();
  await app.getByRole('menuitem', { name: 'Save to library' }).click();
  const save = app.getByRole('dialog', { name: 'Save to the findings library' });
  await save.getByRole('combobox', { name: 'Tags' }).fill('waf');
  await save.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await save.getByRole('button', { name: 'Save to library' }).click();
  await expect(save).toBeHidden();

  await app.goto(`${harness.url}#/engagements/${second}/findings`);
  await expect(app.getByText('No findings yet.')).toBeVisible();
  await app.getByRole('button', { name: 'Insert from library' }).click();
  const picker = app.getByRole('dialog', { name: 'Insert a finding from the library' });
  await picker.getByLabel('Search the library').fill('waf');
  await picker.getByRole('button', { name: 'Insert No WAF in front of checkout' }).click();
  await expect(picker).toBeHidden();
  await expect(row(app, 'No WAF in front of checkout')).toContainText('Open');
  await expect(row(app, 'No WAF in front of checkout')).toContainText('Critical');

  await app.getByRole('link', { name: 'All engagements' }).click();
  await app.getByRole('link', { name: 'Findings library' }).click();
  await expect(app.getByTestId('library-table')).toContainText('No WAF in front of checkout');
  await expect(app.getByTestId('library-table')).toContainText('#waf');
  // The pointer rests off the navigation, as a person's would after reading the list.
  await app.mouse.move(900, 820);
  const library = await new AxeBuilder({ page: app }).analyze();
  expect(seriousViolations(library)).toEqual([]);
});

test('a bad library file is refused with each problem listed, and nothing is stored', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/library`);
  await expect(app.getByText('The library is empty.')).toBeVisible();
  await app.getByTestId('library-import-input').setInputFiles({
    name: 'library.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        schemaVersion: 1,
        kind: 'vigil-findings-library',
        entries: [
          {
            severity: 'urgent',
            title: { en: '', 'zh-CN': '' },
            description: { en: '', 'zh-CN': '' },
            recommendation: { en: '', 'zh-CN': '' },
            tags: [],
          },
        ],
      }),
    ),
  });
  const refusal = app.getByRole('dialog', { name: 'library.json was not imported' });
  await expect(refusal.getByTestId('library-import-errors')).toContainText('entries[0].severity');
  await expect(refusal.getByTestId('library-import-errors')).toContainText(
    'entries[0].title: Enter the title in at least one language.',
  );
  await refusal.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByText('The library is empty.')).toBeVisible();
});
