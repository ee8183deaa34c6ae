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
  await expect(workPlan).toContainText('Ready to preview');
  await expect(workPlan.getByTestId('preflight')).toHaveText(/\d+ sections? needs? data before signing/);
  const acceptance = app.getByTestId('deliverable-acceptance-report');
  await expect(acceptance).toContainText('Not yet available');
  expect(await seriousViolations(app)).toEqual([]);

  await workPlan.getByRole('button', { name: 'Preview outline of Cloud Hypercare Service Work Plan' }).click();
  const drawer = app.getByRole('dialog', { name: 'Outline of Cloud Hypercare Service Work Plan' });
  await expect(drawer).toBeVisible();
  const outline = drawer.getByTestId('deliverable-outline');
  await expect(outline.locator('[data-section="projectOverview"]').first()).toContainText('1 Project overview');
  await expect(outline.locator('[data-section="deviations"]')).toContainText('Deviations');
  await expect(outline.getByTestId('not-assessed').first()).toContainText('Not yet assessed');
  expect(await seriousViolations(app)).toEqual([]);

  await app.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});
