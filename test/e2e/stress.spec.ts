import AxeBuilder from '@axe-core/playwright';
import { checkoutJtl } from '../fixtures/load-test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

test('a JMeter JTL is imported with progress, its charts drawn, and the missed Checkout target raises a finding', async ({
  app,
  harness,
}) => {
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
  invoke(harness, 'stress.saveScenario', {
    engagementId,
    scenario: {
      name: 'Checkout',
      targetTps: 30,
      targetP95Ms: null,
      targetP99Ms: 800,
      maxErrorRatePct: 1,
      concurrency: 400,
      durationMin: 30,
      rampUpMin: 5,
      dataSet: '50,000 test accounts',
      notes: '',
    },
  });

  await app.goto(`${harness.url}#/engagements/${engagementId}/stressTest`);
  await expect(app.getByRole('heading', { name: 'Stress tests', level: 2 })).toBeVisible();
  await app.getByLabel('Objectives').fill('Checkout holds 30 TPS with p99 under 800 ms.');
  await expect(app.getByTestId('autosave').first()).toHaveAttribute('data-state', 'saved');

  await app.getByRole('button', { name: 'Import results' }).click();
  await app.locator('input[type="file"]').setInputFiles({
    name: 'checkout-rehearsal.jtl',
    mimeType: 'text/csv',
    buffer: Buffer.from(checkoutJtl(120)),
  });
  await expect(app.getByText('checkout-rehearsal.jtl looks like JMeter CSV (JTL).')).toBeVisible();
  await expect(app.getByRole('table', { name: 'First rows of the file' })).toContainText('Browse catalogue');
  await app.getByRole('button', { name: 'Import', exact: true }).click();

  const run = app.getByTestId('run-view');
  await expect(run.getByRole('textbox', { name: 'Run name' })).toHaveValue('checkout-rehearsal');
  await expect(app.getByTestId('throughput-chart').locator('svg')).toBeVisible();
  await expect(app.getByTestId('latency-chart').locator('svg')).toBeVisible();
  await expect(app.getByTestId('throughput-chart').locator('svg')).toContainText('Requests/s');

  const result = run.getByTestId('scenario-result');
  await expect(result).toHaveAttribute('data-status', 'missed');
  // 20 samples/s with one in 200 failed: 19.9 successful per second at best.
  await expect(result).toContainText('Peak sustained TPS: 19.9 TPS achieved, target 30 TPS — missed');
  await expect(result).toContainText('p99 latency: 1,500 ms achieved, target 800 ms — missed');
  await expect(app.getByTestId('scenario-row')).toContainText('Missed');
  await expect(run.getByRole('table', { name: 'Figures per label' })).toContainText('Checkout');
  await app.screenshot({ path: '/tmp/stress-run.png', fullPage: true });
  const axe = await new AxeBuilder({ page: app }).include('main').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`),
  ).toEqual([]);

  await result.getByRole('link', { name: 'Open the finding' }).click();
  await expect(
    app.getByText('Stress target missed: Checkout — 19.9 TPS sustained vs 30 target; p99 1,500 ms vs 800 ms'),
  ).toBeVisible();
});

test('a results file with a non-numeric response time is refused naming its line, and nothing is stored', async ({
  app,
  harness,
}) => {
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
  const lines = checkoutJtl(5).split('\n');
  lines[3] = (lines[3] ?? '').replace(/^(\d+),\d+,/, '$1,n/a,');
  await app.goto(`${harness.url}#/engagements/${engagementId}/stressTest`);
  await app.getByRole('button', { name: 'Import results' }).click();
  await app.locator('input[type="file"]').setInputFiles({
    name: 'broken.jtl',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  await app.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(app.getByTestId('import-error')).toContainText('broken.jtl');
  await expect(app.getByTestId('import-error')).toContainText('line 4');
  // The upload is kept: another format can be tried without choosing the file again.
  await expect(app.getByRole('button', { name: 'Import', exact: true })).toBeEnabled();
  await expect(app.getByRole('combobox', { name: 'Format' })).toBeVisible();
  await app.screenshot({ path: '/tmp/stress-import-error.png' });
  await app.getByRole('button', { name: 'Cancel' }).first().click();
  await expect(app.getByText('No results imported yet.')).toBeVisible();
});

test('stress tests are read-only in an edition without them: no import, no plan editing', async ({ app, harness }) => {
  const engagementId = invoke(harness, 'engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName: 'Double 12 2026',
    eventKind: 'promotion',
    eventStartLocal: '2026-12-11T20:00',
    eventEndLocal: '2026-12-13T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId: 'basic',
    language: 'en',
  }).id;
  await app.goto(`${harness.url}#/engagements/${engagementId}/stressTest`);
  await expect(app.getByTestId('not-in-edition')).toContainText('nothing can be recorded here');
  await expect(app.getByRole('button', { name: 'Import results' })).toHaveCount(0);
  await expect(app.getByLabel('Objectives')).toHaveAttribute('readonly', '');
});
