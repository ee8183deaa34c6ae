import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

/** An Alibaba engagement planned with the wizard's input, and one rule override recorded. */
function seed(harness: Harness) {
  const engagementId = invoke(harness, 'engagement.createPlanned', {
    engagement: {
      customerOrg: 'Hangzhou Example Retail',
      eventName: 'Double 12 2026',
      eventKind: 'promotion',
      eventStartLocal: '2026-12-11T20:00',
      eventEndLocal: '2026-12-13T02:00',
      timeZone: 'Asia/Shanghai',
      catalogId: 'alibaba-hypercare',
      editionId: 'standard',
      language: 'en',
    },
    plan: { settings: { applicationDate: '2026-06-01', orderDate: '2026-06-11', calendarId: 'weekdays' } },
  }).id;
  invoke(harness, 'plan.overrideRule', {
    engagementId,
    ruleId: 'lead-time:request-before-order',
    reason: 'Customer signed the order early with sales approval.',
  });
  return engagementId;
}

async function seriousViolations(app: Page) {
  // A drawer still fading in blends its colours with the page behind: judge contrast once it has settled.
  await app.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
  const results = await new AxeBuilder({ page: app }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('; ')}`);
}

test('the deliverables screen lists the Work Plan with its preflight count and opens its outline', async ({
  app,
  harness,
}) => {
  const engagementId = seed(harness);
  await app.goto(`${harness.url}#/engagements/${engagementId}/deliverables`);

  const workPlan = app.getByTestId('deliverable-work-plan');
  await expect(workPlan).toBeVisible();
  await expect(workPlan).toContainText('Cloud Hypercare Service Work Plan');
  await expect(workPlan).toContainText('Ready to export');
  await expect(workPlan.getByTestId('preflight')).toHaveText(/\d+ sections? needs? data before signing/);
  // Every document of the catalog has a builder now, the acceptance report included.
  const acceptance = app.getByTestId('deliverable-acceptance-report');
  await expect(acceptance).toContainText('Ready to export');
  expect(await seriousViolations(app)).toEqual([]);

  await workPlan.getByRole('button', { name: 'Preflight and export Cloud Hypercare Service Work Plan' }).click();
  const drawer = app.getByRole('dialog', { name: 'Cloud Hypercare Service Work Plan' });
  await expect(drawer).toBeVisible();

  // Preflight: what blocks signing first, each with the screen that records it.
  const preflight = drawer.getByTestId('preflight-list');
  const contacts = preflight.locator('li[data-section="organisationContacts"]');
  await expect(contacts).toContainText('Blocks signing');
  await expect(contacts.getByRole('link', { name: 'Open Plan' })).toHaveAttribute(
    'href',
    `#/engagements/${engagementId}/plan`,
  );
  expect(await seriousViolations(app)).toEqual([]);

  await drawer.getByRole('tab', { name: 'Outline' }).click();
  const outline = drawer.getByTestId('deliverable-outline');
  await expect(outline.locator('[data-section="projectOverview"]').first()).toContainText('1 Project overview');
  await expect(outline.locator('[data-section="deviations"]')).toContainText('Deviations');
  await expect(outline.getByTestId('not-assessed').first()).toContainText('Not yet assessed');
  expect(await seriousViolations(app)).toEqual([]);

  await app.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('exports the Work Plan as PDF and DOCX downloads, and shows the PDF page by page in the app', async ({
  app,
  harness,
}) => {
  test.setTimeout(120_000);
  const engagementId = seed(harness);
  await app.goto(`${harness.url}#/engagements/${engagementId}/deliverables`);
  await app
    .getByTestId('deliverable-work-plan')
    .getByRole('button', { name: 'Preflight and export Cloud Hypercare Service Work Plan' })
    .click();
  const drawer = app.getByRole('dialog', { name: 'Cloud Hypercare Service Work Plan' });

  const downloads: string[] = [];
  app.on('download', (download) => downloads.push(download.suggestedFilename()));
  const both = app.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.pdf'));
  await drawer.getByRole('button', { name: 'Export DOCX and PDF' }).click();
  const pdf = await both;
  await expect(drawer.getByTestId('export-done')).toContainText('2 files ready');
  expect(downloads.some((name) => name.endsWith('.docx'))).toBe(true);
  const path = await pdf.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');

  await drawer.getByRole('tab', { name: 'PDF preview' }).click();
  await drawer.getByRole('button', { name: 'Render the PDF' }).click();
  const firstPage = drawer.getByRole('img', { name: /^Page 1 of \d+$/ });
  await expect(firstPage).toBeVisible({ timeout: 60_000 });
  // The canvas holds the drawn page: not blank white.
  const inked = await firstPage.evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark += 1;
    return dark;
  });
  expect(inked).toBeGreaterThan(500);
  expect(await seriousViolations(app)).toEqual([]);
});
