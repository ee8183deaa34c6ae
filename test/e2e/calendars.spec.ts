import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { MethodOutput } from '@shared/contract';
import type { Calendar } from '@shared/domain/calendar';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('China 2026 shows its holidays and make-up days; a day off added by the firm survives a reload', async ({
  app,
}) => {
  await app.getByRole('navigation').getByRole('link', { name: 'Calendars' }).click();
  const table = app.getByTestId('calendar-table');
  await expect(table.getByRole('row', { name: /Mainland China 2026/ })).toContainText('Built-in');
  await table.getByRole('link', { name: 'Mainland China 2026' }).click();

  await expect(app).toHaveURL(/#\/calendars\/cn-2026$/);
  await expect(app.getByRole('heading', { level: 1, name: 'Mainland China 2026' })).toBeVisible();
  await expect(app.getByTestId('calendar-origin')).toHaveText('Built-in');
  const nationalDay = app.getByTestId('day-2026-10-01');
  await expect(nationalDay).toHaveAttribute('data-kind', 'statutory');
  await expect(nationalDay).toHaveAttribute('title', '2026-10-01 (Thu): National Day, statutory holiday');
  await expect(app.getByTestId('day-2026-10-04')).toHaveAttribute('data-kind', 'holiday');
  const makeUp = app.getByTestId('day-2026-10-10');
  await expect(makeUp).toHaveAttribute('data-kind', 'makeUp');
  await expect(makeUp).toHaveAttribute('title', /National Day make-up working day, make-up working day/);
  await expect(app.getByTestId('day-2026-10-11')).toHaveAttribute('data-kind', 'weekend');
  await expect(app.getByTestId('counting-rule')).toHaveCount(1);

  await app.getByRole('button', { name: 'Edit' }).click();
  await expect(app).toHaveURL(/#\/calendars\/cn-2026\/edit$/);
  await app.getByRole('button', { name: 'Add a day off' }).click();
  await app.getByRole('textbox', { name: 'Day off 34: date' }).fill('2026-12-24');
  await app.getByRole('textbox', { name: 'Day off 34: name in English' }).fill('Company day');
  await app.getByRole('textbox', { name: 'Day off 34: name in Simplified Chinese' }).fill('公司假日');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByTestId('calendar-editor')).toBeHidden();
  await expect(app.getByTestId('day-2026-12-24')).toHaveAttribute('data-kind', 'holiday');
  await expect(app.getByTestId('calendar-origin')).toHaveText('Firm');

  await app.reload();
  await expect(app.getByTestId('day-2026-12-24')).toHaveAttribute('title', '2026-12-24 (Thu): Company day, day off');
  await expect(app.getByTestId('holiday-table').getByRole('row', { name: /2026-12-24/ })).toContainText('公司假日');
  await expect(app.getByTestId('calendar-origin')).toHaveText('Firm');
  await app.getByRole('link', { name: 'All calendars' }).click();
  await expect(app.getByTestId('calendar-table').getByRole('row', { name: /Mainland China 2026/ })).toContainText(
    'Firm',
  );
});

test('a day that is both off and a make-up working day is refused with its path, and nothing is saved', async ({
  app,
  harness,
}) => {
  await app.goto(`${harness.url}#/calendars/cn-2026/edit`);
  await app.getByRole('button', { name: 'Add a day off' }).click();
  await app.getByRole('textbox', { name: 'Day off 34: date' }).fill('2026-10-10');
  await app.getByRole('textbox', { name: 'Day off 34: name in English' }).fill('National Day');
  await app.getByRole('textbox', { name: 'Day off 34: name in Simplified Chinese' }).fill('国庆节');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByTestId('calendar-save-errors').getByRole('listitem')).toHaveText([
    'makeUpWorkdays[5].date: 2026-10-10 is both a holiday and a make-up working day',
  ]);
  // Shown on the make-up row the path names and on the day off with the same date.
  await expect(app.getByText('This date is both a day off and a make-up working day.')).toHaveCount(2);
  await expect(app.getByRole('textbox', { name: 'Make-up working day 6: date' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(app.getByRole('textbox', { name: 'Day off 34: date' })).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(app)).toEqual([]);

  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('day-2026-10-10')).toHaveAttribute('data-kind', 'makeUp');
  await app.reload();
  await expect(app.getByTestId('calendar-origin')).toHaveText('Built-in');
  await expect(app.getByTestId('day-2026-10-10')).toHaveAttribute('data-kind', 'makeUp');
  const list = harness.core.router.invoke('calendar.list', {});
  if (!list.ok) throw new Error(list.error.message);
  const summaries = list.value as MethodOutput<'calendar.list'>;
  expect(summaries.find((c) => c.calendarId === 'cn-2026')?.origin).toBe('builtin');
});

test('"Add a year" creates cn-2027 with no days off, opened for editing', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/calendars/cn-2026`);
  await app.getByRole('button', { name: 'Add a year' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add a year to “Mainland China 2026”' });
  await expect(dialog.getByLabel('New calendar id')).toHaveValue('cn-2027');
  await expect(dialog.getByLabel('Name in English')).toHaveValue('Mainland China 2027');
  await expect(dialog.getByLabel('Name in Simplified Chinese')).toHaveValue('中国大陆 2027 年');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(app).toHaveURL(/#\/calendars\/cn-2027\/edit$/);
  await expect(app.getByRole('heading', { level: 1, name: 'Mainland China 2027' })).toBeVisible();
  await expect(app.getByTestId('calendar-editor')).toContainText('No days off are listed.');
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('calendar-years')).toHaveText('Years: 2027');
  await expect(app.getByTestId('day-2027-10-01')).toHaveAttribute('data-kind', 'workday');
  await expect(app.getByTestId('calendar-origin')).toHaveText('Firm');
});

test('importing a file that is not JSON, or not a valid calendar, names the file and each problem', async ({
  app,
  harness,
}) => {
  await app.goto(`${harness.url}#/calendars`);
  await app.getByTestId('calendar-import-input').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "id": "cn-2027", '),
  });
  let dialog = app.getByRole('dialog', { name: 'notes.json was not imported' });
  await expect(dialog.getByTestId('calendar-import-message')).toContainText('notes.json is not valid JSON:');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const got = harness.core.router.invoke('calendar.get', { calendarId: 'cn-2026' });
  if (!got.ok) throw new Error(got.error.message);
  const calendar = got.value as Calendar;
  const broken = {
    ...calendar,
    id: 'acme-2026',
    holidays: calendar.holidays.map((h, i) => (i === 3 ? { ...h, date: '2026-02-30' } : h)),
  };
  await app.getByTestId('calendar-import-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  dialog = app.getByRole('dialog', { name: 'broken.json was not imported' });
  await expect(dialog.getByTestId('calendar-import-errors').getByRole('listitem')).toHaveText([
    'holidays[3].date: expected a real date as YYYY-MM-DD',
  ]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('calendar-table').getByRole('row')).toHaveCount(3);

  await app.getByTestId('calendar-import-input').setInputFiles({
    name: 'acme.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ ...calendar, id: 'acme-2026', name: { en: 'Acme 2026', 'zh-CN': 'Acme 2026 年' } }),
    ),
  });
  await expect(app).toHaveURL(/#\/calendars\/acme-2026$/);
  await expect(app.getByTestId('calendar-origin')).toHaveText('Firm');
});

test('the calendar pages have no serious or critical accessibility violations', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/calendars`);
  await expect(app.getByTestId('calendar-table')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  await app.goto(`${harness.url}#/calendars/cn-2026`);
  await expect(app.getByTestId('calendar-grid')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
  await app.goto(`${harness.url}#/calendars/cn-2026/edit`);
  await expect(app.getByTestId('calendar-editor')).toBeVisible();
  expect(await seriousViolations(app)).toEqual([]);
});

test('the calendar follows the interface language', async ({ app, harness }) => {
  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN' });
  await app.goto(`${harness.url}#/calendars/cn-2026`);
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: '中国大陆 2026 年' })).toBeVisible();
  await expect(app.getByTestId('day-2026-10-01')).toHaveAttribute('title', '2026-10-01（周四）：国庆节，法定节假日');
  await expect(app.getByTestId('counting-rule')).toContainText('个工作日');
});
