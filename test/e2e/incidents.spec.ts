import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function engagement(harness: Harness) {
  const result = harness.core.router.invoke('engagement.createPlanned', {
    engagement: {
      customerOrg: 'Hangzhou Example Retail',
      eventName: 'Double 11 war room',
      eventKind: 'promotion',
      eventStartLocal: '2026-11-10T20:00',
      eventEndLocal: '2026-11-12T02:00',
      timeZone: 'Asia/Shanghai',
      catalogId: 'alibaba-hypercare',
      editionId: 'standard',
      language: 'en',
    },
    plan: {
      details: {
        peak: { qps: 50000, tps: 8000, concurrentUsers: null, bandwidth: null, bandwidthUnit: 'Mbps' },
        objectives: '',
        slos: [],
      },
    },
  });
  if (!result.ok) throw new Error(result.error.message);
  const value: unknown = result.value;
  if (typeof value !== 'object' || value === null || !('id' in value) || typeof value.id !== 'string') {
    throw new Error('engagement.createPlanned answered no id');
  }
  return value.id;
}

/** Serious accessibility problems on the page, or inside the open dialog only (the page behind it is dimmed). */
async function seriousViolations(app: Page, within?: string) {
  const builder = new AxeBuilder({ page: app });
  const axe = await (within ? builder.include(within) : builder).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

test('an incident is opened and resolved with MTTA and MTTR, a checkpoint recorded against the predicted peak, the war room closed, and the summary PDF tells it', async ({
  app,
  harness,
}) => {
  test.setTimeout(120_000);
  const id = engagement(harness);
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);

  // Checkpoints: quick add (peak at a set time), then record the peak's values.
  await app.getByRole('tab', { name: 'Checkpoints' }).click();
  await app.getByRole('button', { name: 'Quick add' }).click();
  const quick = app.getByRole('dialog', { name: 'Quick add' });
  await quick.getByRole('checkbox', { name: 'Peak (at the time you set)' }).check();
  await quick.getByLabel('Expected peak (Asia/Shanghai)').fill('2026-11-11T00:00');
  await quick.getByRole('button', { name: 'Add 6 checkpoints' }).click();
  await expect(quick).toBeHidden();
  const rows = app.getByTestId('checkpoint-list').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toContainText('2026-11-09 20:00');
  const peakRow = app.locator('tr[data-checkpoint="Peak"]');
  await expect(peakRow).toContainText('2026-11-11 00:00');
  await peakRow.getByRole('button', { name: 'Record' }).click();
  const record = app.getByRole('dialog', { name: 'Record checkpoint Peak' });
  // Observed at the peak: a time weeks after the window (the test runs later) would be refused.
  await record.getByLabel('Observed at (Asia/Shanghai)').fill('2026-11-11T00:02');
  await record.getByLabel('QPS (QPS)').fill('60000');
  await record.getByLabel('Error rate (%)').fill('0.3');
  await record.getByRole('button', { name: 'Save observations' }).click();
  await expect(record).toBeHidden();
  await expect(peakRow).toContainText('QPS: 60,000 QPS');
  await expect(app.getByTestId('peak-comparison')).toContainText('120 % of the prediction');
  expect(await seriousViolations(app)).toEqual([]);
  await app.screenshot({ path: '/tmp/ccv-checkpoints.png', fullPage: true });

  // Incidents: open one with the keyboard-reachable "now" buttons, then resolve it.
  await app.getByRole('tab', { name: 'Incidents' }).click();
  await app.getByRole('button', { name: 'New incident' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New incident' });
  await dialog.locator('label', { hasText: /^P2$/ }).click();
  await expect(dialog.getByRole('radio', { name: 'P2' })).toBeChecked();
  await dialog.getByLabel('Title').fill('Checkout latency above 2 s');
  await dialog.getByLabel('Started (Asia/Shanghai)').fill('2026-11-11T00:10');
  await dialog.getByLabel('Detected (Asia/Shanghai)').fill('2026-11-11T00:15');
  await dialog.getByLabel('Acknowledged (Asia/Shanghai)').fill('2026-11-11T00:18');
  await dialog.getByLabel('Impact').fill('5 % of orders slow');
  await dialog.getByLabel('Affected services').fill('checkout');
  await dialog.getByLabel('Affected services').press('Enter');
  await dialog.getByRole('button', { name: 'Save incident' }).click();
  await expect(dialog).toBeHidden();
  const inc = app.locator('tr[data-ref="INC-001"]');
  await expect(inc).toContainText('P2');
  await expect(inc).toContainText('Open');
  await expect(inc).toContainText('3 min');

  // A resolved time before the acknowledgement is refused, naming the field; then fixed.
  await inc.getByRole('button', { name: 'Open INC-001' }).click();
  const edit = app.getByRole('dialog', { name: 'INC-001 · Checkout latency above 2 s' });
  await edit.getByLabel('Resolved (Asia/Shanghai)').fill('2026-11-11T00:16');
  await edit.getByRole('button', { name: 'Save incident' }).click();
  await expect(
    edit.getByText('Resolved cannot be before the start, detection, acknowledgement or mitigation.'),
  ).toBeVisible();
  await edit.getByLabel('Mitigated (Asia/Shanghai)').fill('2026-11-11T00:30');
  await edit.getByLabel('Resolved (Asia/Shanghai)').fill('2026-11-11T01:15');
  await edit.getByLabel('Root cause').fill('Cache eviction storm');
  await edit.getByRole('button', { name: 'Add action' }).click();
  await edit.getByLabel('Action', { exact: true }).fill('Raise cache memory');
  await edit.getByLabel('Owner').fill('Wang Fang');
  await edit.getByRole('button', { name: 'Save incident' }).click();
  await expect(edit).toBeHidden();
  await expect(inc).toContainText('Resolved');
  await expect(inc).toContainText('1 h 00 min');
  await expect(app.getByTestId('severity-summary').locator('tr[data-severity="P2"]')).toContainText('1 h 00 min');
  await inc.getByRole('button', { name: 'Open INC-001' }).click();
  await expect(edit.getByTestId('incident-timeline')).toContainText('Resolved');
  await expect(edit.getByTestId('incident-mttx')).toContainText('MTTA: 3 min · MTTR: 1 h 00 min');
  await app.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
  expect(await seriousViolations(app, '[role="dialog"]')).toEqual([]);
  await app.screenshot({ path: '/tmp/ccv-incident.png', fullPage: true });
  await app.keyboard.press('Escape');
  await expect(edit).toBeHidden();
  expect(await seriousViolations(app)).toEqual([]);
  await app.screenshot({ path: '/tmp/ccv-incidents.png', fullPage: true });

  // Closing the war room: outcome, a lesson and a follow-up; the log then refuses entries.
  await app.getByRole('tab', { name: 'Close' }).click();
  await app.getByRole('radio', { name: 'Objectives partly met' }).check();
  await app.getByLabel('Outcome in words').fill('Peak at 120 % of the forecast handled; one P2 on checkout.');
  await app.getByRole('button', { name: 'Add lesson' }).click();
  await app.getByRole('textbox', { name: 'Lesson 1' }).fill('Scale the cart cache a day earlier');
  await app.getByRole('button', { name: 'Add follow-up' }).click();
  await app.getByRole('textbox', { name: 'Action' }).fill('Raise the Redis memory alert');
  await app.getByRole('textbox', { name: 'Owner' }).fill('Wang Fang');
  await app.screenshot({ path: '/tmp/ccv-close-form.png', fullPage: true });
  await app.getByRole('button', { name: 'Close the war room' }).click();
  await app.getByRole('dialog', { name: 'Close the war room?' }).getByRole('button', { name: 'Close it' }).click();
  await expect(app.getByTestId('war-room-closed')).toContainText('The war room is closed');
  await expect(app.getByTestId('war-room-closed')).toContainText('Scale the cart cache a day earlier');
  // The "closed" notification fades in; axe would read its half-faded text as low contrast.
  // allSettled: an animation cancelled meanwhile (a notification removed) rejects its `finished`.
  await app.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
  expect(await seriousViolations(app)).toEqual([]);
  await app.screenshot({ path: '/tmp/ccv-closed.png', fullPage: true });
  const appended = harness.core.router.invoke('log.append', { engagementId: id, kind: 'observation', text: 'after' });
  expect(appended.ok).toBe(false);
  const signable = harness.core.router.invoke('signoff.versions', { engagementId: id, documentId: 'service-summary' });
  expect(signable).toMatchObject({ ok: true, value: { blockers: [] } });

  // The Service Summary's PDF tells the period as recorded: outcome, incident with MTTA and MTTR, lesson.
  await app.goto(`${harness.url}#/engagements/${id}/deliverables`);
  await app
    .getByTestId('deliverable-service-summary')
    .getByRole('button', { name: /^Preflight and export / })
    .click();
  const drawer = app.getByRole('dialog', { name: 'Cloud Hypercare Service Summary' });
  const download = app.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.pdf'));
  await drawer.getByRole('button', { name: 'Export PDF', exact: true }).click();
  const pdf = await (await download).path();
  const { execFileSync } = await import('node:child_process');
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Objectives partly met. Peak at 120 % of the forecast handled; one P2 on checkout.');
  expect(text).toMatch(/INC-001 P2 .*3 min 1 h 00 min/);
  expect(text).toContain('Scale the cart cache a day earlier');
});
