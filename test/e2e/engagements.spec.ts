import { engagementFields } from '../fixtures/engagement';
import { expect, test } from './fixtures';

const shanghai = { start: '2026-11-11T00:00', end: '2026-11-12T02:00' };

test('an engagement created in the form is still listed after a reload', async ({ app }) => {
  await app.getByRole('button', { name: 'Create the first engagement' }).click();
  const dialog = app.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByLabel('Customer organisation').fill('Hangzhou Example Retail');
  await dialog.getByLabel('Event name').fill('Double 11 2026');
  await dialog.getByLabel('Starts').fill(shanghai.start);
  await dialog.getByLabel('Ends').fill(shanghai.end);
  await dialog.getByRole('combobox', { name: 'Event time zone' }).fill('Asia/Shanghai');
  await app.getByRole('option', { name: 'Asia/Shanghai' }).click();
  await dialog.getByRole('button', { name: 'Create engagement' }).click();

  await expect(app.getByRole('heading', { name: 'Double 11 2026' })).toBeVisible();
  await app.reload();
  await expect(app.getByRole('heading', { name: 'Double 11 2026' })).toBeVisible();
  await app.getByRole('link', { name: 'All engagements' }).click();
  const table = app.getByTestId('engagement-table');
  await expect(table.getByRole('link', { name: 'Double 11 2026' })).toBeVisible();
  await expect(table).toContainText('Hangzhou Example Retail');
  await expect(table).toContainText('2026-11-11 00:00 → 2026-11-12 02:00');
  await expect(table).toContainText('Asia/Shanghai');
});

test('invalid input shows the field message and stores nothing', async ({ app, harness }) => {
  await app.keyboard.press('Control+N');
  const dialog = app.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByLabel('Event name').fill('Launch');
  await dialog.getByLabel('Starts').fill('2026-12-01T10:00');
  await dialog.getByLabel('Ends').fill('2026-12-01T09:00');
  await dialog.getByRole('button', { name: 'Create engagement' }).click();

  await expect(dialog.getByText('Enter the customer organisation.')).toBeVisible();
  await expect(dialog.getByText('The event must end after it starts.')).toBeVisible();
  await expect(dialog.getByLabel('Customer organisation')).toHaveAttribute('aria-invalid', 'true');
  const stored = harness.core.router.invoke('engagement.list', { includeArchived: true });
  expect(stored).toEqual({ ok: true, value: [] });
});

test('switching the interface to Chinese shows the list in Chinese and survives a reload', async ({ app, harness }) => {
  harness.core.router.invoke(
    'engagement.create',
    engagementFields({
      customerOrg: '杭州示例零售',
      eventName: '双十一',
      eventKind: 'promotion',
      eventStartLocal: shanghai.start,
      eventEndLocal: shanghai.end,
      timeZone: 'Asia/Shanghai',
      catalogId: 'huawei-key-event-on-duty',
      editionId: 'standard',
      language: 'zh-CN',
    }),
  );
  await app.reload();
  await app.getByRole('combobox', { name: 'Interface language' }).click();
  await app.getByRole('option', { name: '简体中文 (Simplified Chinese)' }).click();

  await expect(app.getByRole('heading', { name: '保障项目' })).toBeVisible();
  const table = app.getByTestId('engagement-table');
  await expect(table.getByRole('columnheader', { name: '客户' })).toBeVisible();
  await expect(table).toContainText('规划中');
  await expect(table).toContainText('华为云重大活动值守服务');
  await expect(app.getByRole('button', { name: '新建保障项目' })).toBeVisible();
  await app.reload();
  await expect(app.getByRole('heading', { name: '保障项目' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('edits on the overview save themselves and the indicator says so', async ({ app, harness }) => {
  const created = harness.core.router.invoke(
    'engagement.create',
    engagementFields({
      customerOrg: 'Acme Games',
      eventName: 'Season launch',
      eventKind: 'gameLaunch',
      eventStartLocal: '2026-12-05T20:00',
      eventEndLocal: '2026-12-06T04:00',
      timeZone: 'Europe/Berlin',
      catalogId: 'alibaba-hypercare',
      editionId: 'advanced',
      language: 'en',
    }),
  );
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: string };
  await app.goto(`${harness.url}#/engagements/${id}/overview`);
  const name = app.getByLabel('Event name');
  await name.fill('Season 2 launch');
  await expect(app.getByTestId('autosave')).toHaveAttribute('data-state', 'saved');
  await name.fill('');
  await expect(app.getByTestId('autosave')).toHaveAttribute('data-state', 'invalid');
  await expect(app.getByText('Enter the event name.')).toBeVisible();
  await app.reload();
  await expect(app.getByLabel('Event name')).toHaveValue('Season 2 launch');
});

test('trash hides an engagement, undo and restore bring it back, emptying deletes it', async ({ app, harness }) => {
  harness.core.router.invoke(
    'engagement.create',
    engagementFields({
      customerOrg: 'Acme Bank',
      eventName: 'Year-end close',
      eventKind: 'holiday',
      eventStartLocal: '2026-12-31T18:00',
      eventEndLocal: '2027-01-01T06:00',
      timeZone: 'Asia/Singapore',
      catalogId: 'alibaba-hypercare',
      editionId: 'basic',
      language: 'en',
    }),
  );
  await app.reload();
  await app.getByRole('button', { name: 'Actions for Year-end close' }).click();
  await app.getByRole('menuitem', { name: 'Move to trash' }).click();
  await expect(app.getByText('No engagements yet')).toBeVisible();
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect(app.getByRole('link', { name: 'Year-end close' })).toBeVisible();

  await app.getByRole('button', { name: 'Actions for Year-end close' }).click();
  await app.getByRole('menuitem', { name: 'Move to trash' }).click();
  await app.getByRole('link', { name: 'Trash' }).click();
  await app.getByRole('button', { name: 'Restore' }).click();
  await app.getByRole('link', { name: 'Engagements' }).click();
  await expect(app.getByRole('link', { name: 'Year-end close' })).toBeVisible();

  await app.getByRole('button', { name: 'Actions for Year-end close' }).click();
  await app.getByRole('menuitem', { name: 'Move to trash' }).click();
  await app.getByRole('link', { name: 'Trash' }).click();
  await app.getByRole('button', { name: 'Empty trash' }).click();
  await app.getByRole('button', { name: 'Delete for good' }).click();
  await expect(app.getByText('The trash is empty.')).toBeVisible();
  expect(harness.core.router.invoke('engagement.listTrash', {})).toEqual({ ok: true, value: [] });
});
