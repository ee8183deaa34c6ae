import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import type { Harness } from '../harness/server';
import { expect, test } from './fixtures';

function invoke<T = { id: string }>(harness: Harness, method: string, input: unknown): T {
  const result = harness.core.router.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

/** An Alibaba engagement with a customer project manager and one medium finding. */
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
    plan: {
      settings: { applicationDate: '2026-06-01', orderDate: '2026-06-11', calendarId: 'weekdays' },
      contacts: [
        { party: 'customer', name: 'Li Wei', role: 'CTO', email: '', phone: '', projectManager: true },
        { party: 'provider', name: 'Chen Mei', role: 'TAM', email: '', phone: '', projectManager: true },
      ],
    },
  }).id;
  const finding = invoke(harness, 'finding.create', {
    engagementId,
    severity: 'medium',
    title: 'SLB health check interval is 30 s',
    description: 'Failover takes too long.',
    affectedResources: [],
    recommendation: 'Set it to 5 s.',
    owner: 'Ops',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  // The acceptance report records a closed on-duty period: the war room is closed before signing.
  invoke(harness, 'warroom.close', {
    engagementId,
    closure: { outcome: 'met', summary: 'The peak was handled without a P1 incident.' },
  });
  return { engagementId, findingId: finding.id };
}

/** A signature drawn with the mouse: a few connected strokes across the pad. */
async function draw(app: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no pad');
  for (const row of [0.35, 0.6]) {
    await app.mouse.move(box.x + box.width * 0.1, box.y + box.height * row);
    await app.mouse.down();
    for (let i = 1; i <= 12; i += 1) {
      await app.mouse.move(box.x + box.width * (0.1 + i * 0.06), box.y + box.height * (row + (i % 2 ? 0.12 : -0.12)), {
        steps: 3,
      });
    }
    await app.mouse.up();
  }
}

async function signVersion(app: Page, drawer: Locator, version: number, seal?: Buffer) {
  await drawer.getByRole('button', { name: 'Sign…' }).click();
  const modal = app.getByRole('dialog', { name: 'Sign Cloud Hypercare Service Acceptance Report' });
  await expect(modal).toBeVisible();
  await expect(modal.getByLabel('Name').first()).toHaveValue('Li Wei');
  // The pages to read come first.
  await expect(modal.getByRole('img', { name: /^Page 1 of \d+$/ })).toBeVisible({ timeout: 60_000 });
  await app.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
  const axe = await new AxeBuilder({ page: app }).include('[role="dialog"]').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`).join('; ')}`),
  ).toEqual([]);
  const [customerPad, consultantPad] = [
    modal.getByTestId('signature-pad').first(),
    modal.getByTestId('signature-pad').nth(1),
  ];
  await draw(app, customerPad);
  await draw(app, consultantPad);
  await expect(customerPad).not.toHaveAttribute('data-points', '0');
  if (seal) {
    await modal.locator('input[type="file"]').setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: seal });
    await expect(modal.getByRole('img', { name: 'Company seal' })).toBeVisible();
  }
  await modal.getByLabel('Title').nth(1).fill('Technical account manager');
  // Review fixes the time and shows the fingerprint the signers consent to.
  await modal.getByRole('button', { name: 'Review what is signed' }).click();
  const consent = modal.getByTestId('signing-consent');
  await expect(consent).toContainText(
    new RegExp(`Li Wei signs "Cloud Hypercare Service Acceptance Report", version ${version}`),
  );
  await expect(consent).toContainText(/Fingerprint [0-9a-f]{64}/);
  const signButton = modal.getByRole('button', { name: `Sign version ${version}` });
  await expect(signButton).toBeDisabled();
  await modal.getByRole('checkbox').check();
  await signButton.click();
  await expect(modal).toBeHidden({ timeout: 60_000 });
}

test('the customer signs the acceptance report with a drawn signature and a seal; an edit asks for version 2', async ({
  app,
  harness,
}) => {
  test.setTimeout(180_000);
  const { engagementId, findingId } = seed(harness);
  const seal = await sharp({
    create: { width: 240, height: 240, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg width="240" height="240"><circle cx="120" cy="120" r="110" fill="none" stroke="#c8102e" stroke-width="10"/><text x="120" y="135" font-size="40" text-anchor="middle" fill="#c8102e">SEAL</text></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  await app.goto(`${harness.url}#/engagements/${engagementId}/deliverables`);
  await app
    .getByTestId('deliverable-acceptance-report')
    .getByRole('button', { name: /^Preflight and export/ })
    .click();
  const drawer = app.getByRole('dialog', { name: 'Cloud Hypercare Service Acceptance Report' });
  await expect(drawer).toBeVisible();

  await signVersion(app, drawer, 1, seal);
  await expect(drawer.getByTestId('signoff-state')).toContainText("Today's data matches signed version 1");
  const v1 = drawer.locator('tr[data-version="1"]');
  await expect(v1).toContainText('Li Wei, CTO (Hangzhou Example Retail)');
  await expect(v1).toContainText('sealed');

  // The signed PDF as kept, saved and then checked on the same screen.
  const saving = app.waitForEvent('download');
  await v1.getByRole('button', { name: 'Save the signed PDF of version 1' }).click();
  const signedPdf = readFileSync(await (await saving).path());
  await app.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await app
    .getByRole('region', { name: 'Check a signed file' })
    .locator('input[type="file"]')
    .setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: signedPdf });
  const verdict = app.getByTestId('verify-result');
  await expect(verdict).toContainText('signed.pdf is intact and signed.');
  await expect(verdict).toContainText('Signed with the key of this installation.');
  await expect(verdict).toContainText('Exactly the file kept for version 1');
  const tampered = Buffer.from(signedPdf);
  const middle = Math.floor(tampered.length / 2);
  tampered[middle] = (tampered[middle] ?? 0) ^ 0x20;
  await app
    .getByRole('region', { name: 'Check a signed file' })
    .locator('input[type="file"]')
    .setInputFiles({ name: 'tampered.pdf', mimeType: 'application/pdf', buffer: tampered });
  await expect(verdict).toContainText('tampered.pdf was changed after signing.');

  // The certificate a customer imports to trust these signatures.
  const certificate = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Save the signing certificate of this laptop' }).click();
  const pem = readFileSync(await (await certificate).path(), 'utf8');
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  await expect(app.getByTestId('certificate-fingerprint')).toContainText('SHA-256');

  // An edit to data the report prints: the signed version stays, the screen asks for a new one.
  invoke(harness, 'finding.update', {
    engagementId,
    id: findingId,
    patch: { title: 'SLB health check interval is 30 s on every listener' },
  });
  await app.reload();
  await app
    .getByTestId('deliverable-acceptance-report')
    .getByRole('button', { name: /^Preflight and export/ })
    .click();
  await drawer.getByRole('tab', { name: 'Signed versions' }).click();
  await expect(drawer.getByTestId('signoff-state')).toContainText('Changed since signed version 1');

  await signVersion(app, drawer, 2);
  await expect(drawer.getByTestId('signoff-state')).toContainText("Today's data matches signed version 2");
  await expect(drawer.locator('tr[data-version="2"]')).not.toContainText('First signed version');
  await expect(drawer.locator('tr[data-version="1"]')).toContainText('First signed version');
});
