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

test('a line naming INC-001 joins its timeline; a half-typed line survives a tab switch; ↑ edits the newest entry under a filter; a closed war room shows a notice linking to Close', async ({
  app,
  harness,
}) => {
  const id = engagement(harness);
  invoke(harness, 'incident.save', {
    engagementId: id,
    incident: { severity: 'P2', title: 'Checkout latency above 2 s', detectedAt: '2026-11-10T16:05:00.000Z' },
  });
  await app.goto(`${harness.url}#/engagements/${id}/onDuty`);
  const box = app.getByRole('textbox', { name: 'Log entry' });
  await box.fill('i INC-001: Rolled back release 4.2');
  await expect(app.getByText('INC-001', { exact: true })).toBeVisible();
  await box.press('Enter');
  const lines = app.getByRole('log').getByTestId('log-entry');
  await expect(lines.filter({ hasText: 'Rolled back release 4.2' })).toContainText('Incident update');
  // An incident number the engagement has not got is refused and the line given back.
  await box.fill('i INC-009: nothing');
  await box.press('Enter');
  await expect(
    app.getByText('There is no incident with this number in this engagement.', { exact: false }),
  ).toBeVisible();
  await expect(box).toHaveValue('i INC-009: nothing');
  await box.fill('d: half-typed decision');

  await app.getByRole('tab', { name: 'Incidents' }).click();
  await app.getByRole('button', { name: 'Open INC-001' }).click();
  const dialog = app.getByRole('dialog', { name: 'INC-001 · Checkout latency above 2 s' });
  await expect(dialog.getByTestId('incident-timeline')).toContainText('Rolled back release 4.2');
  await expect(dialog.getByTestId('incident-timeline')).toContainText('INC-001 times: detected 2026-11-11 00:05');
  await app.screenshot({ path: '/tmp/pw-logfix-timeline.png' });
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await app.getByRole('tab', { name: 'Log' }).click();
  await expect(box).toHaveValue('d: half-typed decision');
  await box.fill('');
  // Under a filter showing only the incident update, ↑ still edits the newest entry of the log.
  invoke(harness, 'log.append', { engagementId: id, kind: 'observation', text: 'Traffic back to normal' });
  await app.getByRole('checkbox', { name: 'Incident update' }).focus();
  await app.keyboard.press('Space');
  await expect(lines).toHaveCount(2);
  await box.focus();
  await box.press('ArrowUp');
  const editor = app.getByRole('dialog', { name: 'Edit log entry' });
  await expect(editor.getByRole('textbox', { name: 'Text' })).toHaveValue('Traffic back to normal');
  await app.keyboard.press('Escape');

  // Closing lists the incident still open before it is confirmed.
  await app.getByRole('tab', { name: 'Close' }).click();
  await app.getByRole('radio', { name: 'Objectives met' }).check();
  await app.getByLabel('Outcome in words').fill('Handled');
  await app.getByRole('button', { name: 'Close the war room' }).click();
  const confirm = app.getByRole('dialog', { name: 'Close the war room?' });
  await expect(confirm.getByTestId('close-open-incidents')).toContainText('INC-001 · P2 · Checkout latency above 2 s');
  await app.screenshot({ path: '/tmp/pw-logfix-confirm.png' });
  await confirm.getByRole('button', { name: 'Close it' }).click();
  await expect(app.getByTestId('closed-early')).toContainText('Incidents open at closing: INC-001');
  await app.getByRole('tab', { name: 'Log' }).click();
  await expect(app.getByTestId('log-closed')).toContainText('The war room was closed at');
  await expect(app.getByRole('textbox', { name: 'Log entry' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: /^Edit entry/ })).toHaveCount(0);
  await app.screenshot({ path: '/tmp/pw-logfix-closed.png' });
  await app.getByRole('link', { name: 'Reopen it on the Close tab' }).click();
  await expect(app.getByRole('tab', { name: 'Close' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByTestId('war-room-closed')).toBeVisible();
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
