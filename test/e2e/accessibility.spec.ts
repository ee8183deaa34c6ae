import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { engagementFields } from '../fixtures/engagement';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the engagement list has no serious or critical accessibility violations', async ({ app, harness }) => {
  await expect(app.getByText('No engagements yet')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  harness.core.router.invoke(
    'engagement.create',
    engagementFields({ eventName: 'Black Friday', timeZone: 'America/New_York' }),
  );
  await app.reload();
  await expect(app.getByTestId('engagement-table')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
});

test('the new-engagement wizard has no serious or critical accessibility violations, also when showing errors', async ({
  app,
}) => {
  await app.getByRole('button', { name: 'New engagement' }).click();
  const dialog = app.getByRole('dialog', { name: 'New engagement' });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  await dialog.getByRole('button', { name: 'Next' }).click();
  expect(await seriousViolations(app)).toEqual([]);
  await dialog.getByRole('button', { name: 'Create engagement' }).click();
  await expect(dialog.getByText('Enter the customer organisation.')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
});
