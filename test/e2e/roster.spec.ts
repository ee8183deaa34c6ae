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

test('creating from a pattern keeps the role shifts unless asked; replacing asks with the count and can be undone', async ({
  app,
  harness,
}) => {
  const id = engagementWithTeam(harness);
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  await app.getByRole('tab', { name: 'Roster' }).click();
  const replace = app.getByRole('checkbox', { name: "Replace the role's current shifts" });
  await expect(replace).not.toBeChecked();
  await app.getByRole('radio', { name: '3 × 8 h' }).check({ force: true });
  await app.getByRole('combobox', { name: 'People, taking the shifts in turn' }).click();
  await app.getByRole('option', { name: 'Li Wei' }).click();
  await app.getByRole('option', { name: 'Anna Berg' }).click();
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Create shifts' }).click();
  const rows = app.getByRole('table', { name: 'Shifts' }).getByRole('row');
  await expect(rows).toHaveCount(1 + 5);

  // Replacing with 2 × 12 h: the five shifts are named before anything goes.
  await replace.check();
  await app.locator('label', { hasText: '2 × 12 h' }).click();
  await expect(app.getByRole('radio', { name: '2 × 12 h' })).toBeChecked();
  await app.getByRole('button', { name: 'Create shifts' }).click();
  const confirm = app.getByRole('dialog', { name: 'Replace the shifts of Duty manager?' });
  await expect(confirm).toContainText('5 current shifts of Duty manager will be removed');
  await app.screenshot({ path: '/tmp/roster-replace-confirm.png' });
  // Cancel keeps everything.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(rows).toHaveCount(1 + 5);
  await app.getByRole('button', { name: 'Create shifts' }).click();
  await app.getByRole('button', { name: 'Remove 5 shifts and create' }).click();
  await expect(app.getByText('The role now has 3 shifts; 5 earlier shifts were removed.')).toBeVisible();
  await expect(rows).toHaveCount(1 + 3);
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(app.getByText('The shifts from the pattern are gone; the earlier ones are back.')).toBeVisible();
  await expect(rows).toHaveCount(1 + 5);
  await expect(app.getByRole('table', { name: 'Shifts' })).toContainText('2026-12-12 08:00 – 2026-12-12 16:00');
  await expect(app.getByTestId('roster-covered')).toBeVisible();
});

test('a shift whose person is no longer in the plan is a warning and leaves its gap open', async ({ app, harness }) => {
  const id = engagementWithTeam(harness);
  const view = invoke(harness, 'roster.get', { engagementId: id });
  if (typeof view !== 'object' || view === null || !('contacts' in view) || !Array.isArray(view.contacts)) {
    throw new Error('roster.get answered no contacts');
  }
  const liWei: unknown = view.contacts[0]?.id;
  invoke(harness, 'roster.saveShift', {
    engagementId: id,
    shift: {
      contactId: liWei,
      roleId: 'dutyManager',
      startUtc: '2026-12-11T12:00:00.000Z',
      endUtc: '2026-12-12T18:00:00.000Z',
    },
  });
  // As an older version could leave it: the person gone from the plan, the shift still there.
  harness.core.context.store.sqlite.prepare("UPDATE contacts SET deleted_at = 'x' WHERE id = ?").run(liWei);
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  await app.getByRole('tab', { name: 'Roster' }).click();
  const orphans = app.getByTestId('roster-orphans');
  await expect(orphans).toContainText('Shifts of people no longer in the plan: 1');
  await expect(orphans).toContainText('Duty manager: 2026-12-11 20:00');
  await expect(app.getByTestId('roster-gaps')).toContainText('Duty manager: 2026-12-11 20:00');
  await expect(app.getByRole('table', { name: 'Shifts' })).toContainText('(removed from the plan)');
  await app.screenshot({ path: '/tmp/roster-orphans.png', fullPage: true });
});
