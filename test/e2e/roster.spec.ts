import AxeBuilder from '@axe-core/playwright';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke(harness: Harness, method: string, input: unknown): unknown {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** An engagement from 2026-12-11 20:00 to 2026-12-13 02:00 in Shanghai, with two people on the team. */
function engagementWithTeam(harness: Harness): string {
  const engagement = invoke(harness, 'engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName: 'Double 12 2026',
    eventKind: 'promotion',
    eventStartLocal: '2026-12-11T20:00',
    eventEndLocal: '2026-12-13T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId: 'standard',
    language: 'en',
  });
  if (
    typeof engagement !== 'object' ||
    engagement === null ||
    !('id' in engagement) ||
    typeof engagement.id !== 'string'
  ) {
    throw new Error('engagement.create answered no id');
  }
  const id = engagement.id;
  for (const [name, party, phone] of [
    ['Li Wei', 'provider', '+86 138 0000 0001'],
    ['Anna Berg', 'customer', '+49 30 1234'],
  ]) {
    invoke(harness, 'plan.saveContact', {
      engagementId: id,
      contact: { party, name, role: 'On duty', email: '', phone, projectManager: false },
    });
  }
  return id;
}

test('a roster with a gap is flagged in words, filling the gap clears it, and removing a shift can be undone', async ({
  app,
  harness,
}) => {
  const id = engagementWithTeam(harness);
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  await app.getByRole('tab', { name: 'Roster' }).click();
  await expect(app.getByText('Event window: 2026-12-11 20:00 – 2026-12-13 02:00 (Asia/Shanghai')).toBeVisible();

  // The whole window is open for the duty manager until someone is on shift.
  const gaps = app.getByTestId('roster-gaps');
  await expect(gaps).toContainText('Coverage gaps: 1');
  await expect(gaps).toContainText('Duty manager: 2026-12-11 20:00');

  // Li Wei takes the night: the rest of the window stays a gap.
  await app.getByRole('button', { name: 'Add shift' }).click();
  let dialog = app.getByRole('dialog', { name: 'Add shift' });
  await dialog.getByRole('combobox', { name: 'Person' }).click();
  await app.getByRole('option', { name: /^Li Wei/ }).click();
  await dialog.getByLabel('End (Asia/Shanghai)').fill('2026-12-12T08:00');
  await dialog.getByRole('button', { name: 'Save shift' }).click();
  await expect(dialog).toBeHidden();
  await expect(gaps).toContainText('Duty manager: 2026-12-12 08:00');
  await expect(gaps).toContainText('(18 h), 0 of 1 required on duty');

  // A shift ending before it starts is refused under the field, nothing saved.
  await app.getByRole('button', { name: 'Add shift' }).click();
  dialog = app.getByRole('dialog', { name: 'Add shift' });
  await dialog.getByRole('combobox', { name: 'Person' }).click();
  await app.getByRole('option', { name: /^Anna Berg/ }).click();
  await expect(dialog.getByLabel('Start (Asia/Shanghai)')).toHaveValue('2026-12-12T08:00');
  await dialog.getByLabel('End (Asia/Shanghai)').fill('2026-12-12T07:00');
  await dialog.getByRole('button', { name: 'Save shift' }).click();
  await expect(dialog.getByText('The shift must end after it starts.')).toBeVisible();

  // Anna Berg fills the gap (the dialog offered its start): the roster is covered.
  await dialog.getByLabel('End (Asia/Shanghai)').fill('2026-12-13T02:00');
  await dialog.getByRole('button', { name: 'Save shift' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('roster-covered')).toBeVisible();
  await expect(gaps).toBeHidden();
  // 18 hours is over the 12-hour limit: flagged in words.
  await expect(app.getByText('Anna Berg: shift of 18 h')).toBeVisible();
  await app.screenshot({ path: '/tmp/roster-panel.png', fullPage: true });

  // Removing Anna's shift brings the gap back; Undo restores it.
  await app.getByRole('button', { name: 'Remove the shift of Anna Berg from 2026-12-12 08:00' }).click();
  await expect(gaps).toContainText('Coverage gaps: 1');
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(gaps).toBeHidden();

  // The printable sheet lists the escalation contacts with phone numbers and the shifts by day.
  await app.getByRole('button', { name: 'Printable roster' }).click();
  const sheet = app.getByTestId('roster-sheet');
  await expect(sheet).toContainText('Escalation contacts');
  await expect(sheet).toContainText('+86 138 0000 0001');
  await expect(sheet).toContainText('Shifts by day (Asia/Shanghai)');
  await expect(sheet).toContainText('2026-12-12');
  await expect(app.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
  await app.screenshot({ path: '/tmp/roster-sheet.png' });
  // Printed, only the sheet shows: the app around it is hidden.
  await app.emulateMedia({ media: 'print' });
  await expect(sheet).toBeVisible();
  await expect(app.getByRole('button', { name: 'Add shift' })).toBeHidden();
  await app.screenshot({ path: '/tmp/roster-print.png' });
});

test('shifts created from a 3 x 8 h pattern cover the window; a required second role shows its own gap', async ({
  app,
  harness,
}) => {
  const id = engagementWithTeam(harness);
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  await app.getByRole('tab', { name: 'Roster' }).click();
  await app.getByRole('radio', { name: '3 × 8 h' }).check({ force: true });
  await app.getByRole('combobox', { name: 'People, taking the shifts in turn' }).click();
  await app.getByRole('option', { name: 'Li Wei' }).click();
  await app.getByRole('option', { name: 'Anna Berg' }).click();
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Create shifts' }).click();
  await expect(app.getByTestId('roster-covered')).toBeVisible();
  await expect(app.getByRole('table', { name: 'Shifts' }).getByRole('row')).toHaveCount(1 + 5);

  // The TAM must now be there at every minute too: its whole window is a gap.
  await app.getByLabel('People required at every minute as TAM').fill('1');
  await expect(app.getByTestId('roster-gaps')).toContainText('TAM: 2026-12-11 20:00');
  await app.screenshot({ path: '/tmp/roster-pattern.png', fullPage: true });
  const results = await new AxeBuilder({ page: app }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});
