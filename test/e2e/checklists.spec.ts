import AxeBuilder from '@axe-core/playwright';
import { engagementFields } from '../fixtures/engagement';
import { expect, test } from './fixtures';

test('a security section answered with the keyboard only, evidence pasted, a failed item turned into a finding, all there after a reload', async ({
  app,
  harness,
}) => {
  const created = harness.core.router.invoke('engagement.create', engagementFields());
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: string };
  await app.goto(`${harness.url}#/engagements/${id}/security`);
  const checklist = app.getByTestId('checklist');
  await expect(checklist).toBeVisible();
  const items = checklist.locator('[data-item]');
  const first = items.first();
  await first.focus();
  // MFA on the root account: No fails the check.
  await app.keyboard.press('2');
  await expect(first).toContainText('Fails this check');
  await app.keyboard.press('j');
  await app.keyboard.press('1');
  await app.keyboard.press('j');
  await app.keyboard.press('3');
  await expect(checklist).toContainText('3 of');
  await expect(checklist).toContainText('answered');

  // Undo the last answer (n.a.) and check the count goes back.
  await app.keyboard.press('Control+z');
  await expect(checklist).toContainText('2 of');

  // A note on the focused item.
  await app.keyboard.press('n');
  const note = checklist.getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await note.fill('Checked in RAM on site with the customer.');
  await app.keyboard.press('Escape');

  // Paste a screenshot onto the focused item: it becomes that answer's evidence.
  const panel = checklist.getByTestId('evidence-panel');
  await panel.evaluate((element) => {
    // A 1×1 PNG, as a browser pastes a screenshot: a File on the clipboard.
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
      (c) => c.charCodeAt(0),
    );
    const data = new DataTransfer();
    data.items.add(new File([png], 'console.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await expect(panel.getByTestId('evidence-item')).toHaveCount(1);

  // Back to the failed first item and propose a finding with f.
  await app.keyboard.press('k');
  await app.keyboard.press('k');
  await app.keyboard.press('f');
  const proposal = app.getByRole('dialog');
  await expect(proposal).toBeVisible();
  await proposal.getByRole('button', { name: 'Add finding' }).click();
  await expect(proposal).toBeHidden();

  await app.reload();
  await expect(app.getByTestId('checklist')).toContainText('2 of');
  await expect(app.getByTestId('checklist').locator('[data-item]').first()).toContainText('Fails this check');
  await expect(app.getByTestId('checklist').getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Checked in RAM on site with the customer.',
  );
  await expect(app.getByTestId('checklist')).toContainText('1 piece of evidence');
  const findings = harness.core.router.invoke('finding.list', { engagementId: id });
  expect(findings.ok && (findings.value as unknown[]).length).toBe(1);

  const results = await new AxeBuilder({ page: app }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
});

test('the unanswered and failed filters show only those items', async ({ app, harness }) => {
  const created = harness.core.router.invoke('engagement.create', engagementFields());
  if (!created.ok) throw new Error(created.error.message);
  const { id } = created.value as { id: string };
  await app.goto(`${harness.url}#/engagements/${id}/security`);
  const checklist = app.getByTestId('checklist');
  await checklist.locator('[data-item]').first().focus();
  await app.keyboard.press('2');
  await expect(checklist.locator('[data-item]').first()).toContainText('Fails this check');
  await checklist.getByText('Failed', { exact: true }).click();
  await expect(checklist.locator('[data-item]')).toHaveCount(1);
  await checklist.getByText('Unanswered', { exact: true }).click();
  await expect(checklist.locator('[data-item]').first()).not.toContainText('Fails this check');
});
