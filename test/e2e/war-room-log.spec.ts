import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke(harness: Harness, method: string, input: unknown) {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as { id: string };
}

function engagement(harness: Harness) {
  return invoke(harness, 'engagement.create', {
    customerOrg: 'Hangzhou Example Retail',
    eventName: 'Double 11 war room',
    eventKind: 'promotion',
    eventStartLocal: '2026-11-10T20:00',
    eventEndLocal: '2026-11-12T02:00',
    timeZone: 'Asia/Shanghai',
    catalogId: 'alibaba-hypercare',
    editionId: 'standard',
    language: 'en',
  }).id;
}

test('the war-room log is written, revised and filtered with the keyboard only', async ({ app, harness }) => {
  const id = engagement(harness);
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  const box = app.getByRole('textbox', { name: 'Log entry' });
  await expect(box).toBeFocused();

  await box.fill('Traffic ramping as forecast');
  await box.press('Enter');
  await box.fill('d: Freeze releases until 02:00');
  await box.press('Enter');
  // Alt+3 chooses Action for the next line; the box keeps the focus throughout.
  await box.press('Alt+Digit3');
  await box.fill('Scaled order-svc from 8 to 12');
  await box.press('Enter');
  // Alt+T opens the time for a late entry; Enter there adds it.
  await box.fill('i: Gateway 502s seen on checkout');
  await box.press('Alt+KeyT');
  const time = app.getByLabel('When it happened (Asia/Shanghai)');
  await expect(time).toBeFocused();
  await time.fill('2026-01-01T09:00');
  await time.press('Enter');

  const log = app.getByRole('log');
  const lines = log.getByTestId('log-entry');
  await expect(lines).toHaveCount(4);
  await expect(lines.first()).toContainText('01-01 09:00');
  await expect(lines.first()).toContainText('Incident update');
  await expect(lines.first()).toContainText('late');
  await expect(lines.nth(2)).toContainText('Decision');
  await expect(lines.nth(2)).toContainText('Freeze releases until 02:00');
  await expect(lines.nth(3)).toContainText('Action');

  // Arrow up in the empty box edits the last entry; Ctrl+Enter saves a revision.
  await expect(box).toBeFocused();
  await box.press('ArrowUp');
  const editor = app.getByRole('dialog', { name: 'Edit log entry' });
  const text = editor.getByRole('textbox', { name: 'Text' });
  await expect(text).toBeFocused();
  await text.fill('Scaled order-svc from 8 to 14');
  await text.press('Control+Enter');
  await expect(editor).toBeHidden();
  await expect(lines.nth(3)).toContainText('Scaled order-svc from 8 to 14');
  await expect(lines.nth(3)).toContainText('revised');

  await lines.nth(3).getByRole('button', { name: 'Show earlier texts' }).focus();
  await app.keyboard.press('Enter');
  const history = app.getByRole('dialog', { name: 'Earlier texts of this entry' });
  await expect(history.getByTestId('log-revision')).toHaveCount(2);
  await expect(history.getByTestId('log-revision').first()).toContainText('Scaled order-svc from 8 to 12');
  await app.screenshot({ path: '/tmp/war-room-log-revisions.png' });
  await app.keyboard.press('Escape');

  // Filters: a kind chip and the search box.
  const search = app.getByRole('textbox', { name: 'Search the log' });
  await search.focus();
  await search.fill('order-svc');
  await expect(lines).toHaveCount(1);
  await search.fill('');
  await expect(lines).toHaveCount(4);
  await app.getByRole('checkbox', { name: 'Decision' }).focus();
  await app.keyboard.press('Space');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Freeze releases');
  await app.keyboard.press('Space');
  await expect(lines).toHaveCount(4);

  await app.screenshot({ path: '/tmp/war-room-log.png', fullPage: true });
});

test('the log stays readable with 10,000 entries and opens at the newest', async ({ app, harness }) => {
  const id = engagement(harness);
  const sqlite = harness.core.context.store.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO log_entries (id, created_at, updated_at, updated_by, device_id, engagement_id, kind, text, occurred_at, late, author)
     VALUES (?, ?, ?, 'seed', 'seed', ?, ?, ?, ?, 0, 'Zhang San')`,
  );
  const kinds = ['observation', 'decision', 'action', 'checkpoint', 'incidentUpdate', 'handover'];
  const start = Date.parse('2026-11-10T12:00:00Z');
  sqlite.transaction(() => {
    for (let i = 0; i < 10_000; i += 1) {
      const at = new Date(start + i * 5000).toISOString();
      insert.run(harness.core.context.newId(), at, at, id, kinds[i % kinds.length], `Entry ${i + 1} 流量正常`, at);
    }
  })();
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  const log = app.getByRole('log', { name: 'War-room log, 10000 entries' });
  await expect(log).toBeVisible();
  await expect(log.getByText('Entry 10000 流量正常')).toBeVisible();
  // Virtualised: a few dozen rows are in the page, not ten thousand.
  expect(await log.getByTestId('log-entry').count()).toBeLessThan(100);
  await app.screenshot({ path: '/tmp/war-room-log-10k.png' });
});
