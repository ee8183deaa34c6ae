import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { expect, test } from './fixtures';

const year = new Date().getFullYear();

test('branding: the firm name and a number pattern show their example and are saved; a bad pattern is refused inline', async ({
  app,
  harness,
}) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const branding = app.getByRole('region', { name: 'Branding of deliverables' });
  await expect(branding).toBeVisible();
  const example = branding.getByTestId('document-number-example');
  await expect(example).toHaveText(`Example: VGL-${year}-007`);

  await branding.getByLabel('Firm name').fill('Blue Harbor Assurance Partners Ltd');
  const pattern = branding.getByLabel('Document number', { exact: true });
  await pattern.fill('{firm}/{deliverable}/{year}-{seq}');
  await expect(example).toHaveText(`Example: BHAP/WP/${year}-007`);
  await branding.getByLabel('File name', { exact: true }).fill('{number} {deliverable}');
  // The slashes of the number cannot go into a file name.
  await expect(branding.getByTestId('file-name-example')).toHaveText(
    `Example: BHAP_WP_${year}-007 Cloud Hypercare Service Work Plan.pdf`,
  );
  await expect(branding.getByTestId('autosave')).toHaveAttribute('data-state', 'saved');
  expect(harness.core.router.invoke('settings.get', {})).toMatchObject({
    ok: true,
    value: {
      firmName: 'Blue Harbor Assurance Partners Ltd',
      documentNumberPattern: '{firm}/{deliverable}/{year}-{seq}',
      fileNamePattern: '{number} {deliverable}',
    },
  });

  await pattern.fill('{firm}-{month}-{seq}');
  await expect(
    branding.getByText('{month} is not a placeholder here. Use: {firm} {year} {seq} {customer} {event} {deliverable}.'),
  ).toBeVisible();
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(example).toHaveCount(0);
  await expect(branding.getByTestId('autosave')).toHaveAttribute('data-state', 'invalid');
  expect(harness.core.router.invoke('settings.get', {})).toMatchObject({
    value: { documentNumberPattern: '{firm}/{deliverable}/{year}-{seq}' },
  });

  await app.reload();
  await expect(app.getByRole('region', { name: 'Branding of deliverables' }).getByLabel('Firm name')).toHaveValue(
    'Blue Harbor Assurance Partners Ltd',
  );
});

test('branding: a logo is validated, previewed and removed; a file that is not an image is refused by name', async ({
  app,
  harness,
}) => {
  const logo = await sharp({ create: { width: 480, height: 120, channels: 4, background: '#1F3A5Fff' } })
    .png()
    .toBuffer();
  await app.getByRole('link', { name: 'Settings' }).click();
  const branding = app.getByRole('region', { name: 'Branding of deliverables' });
  const input = branding.locator('input[type="file"]');

  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(branding.getByRole('alert')).toContainText(
    '"notes.txt" is not a logo Vigil can use: choose a PNG, JPEG, WebP or SVG image.',
  );

  await input.setInputFiles({ name: 'blue-harbor.png', mimeType: 'image/png', buffer: logo });
  await expect(branding.getByRole('img', { name: 'The firm logo as the documents print it' })).toBeVisible();
  await expect(branding.getByText('480 × 120 px')).toBeVisible();
  await expect(branding.getByText('Enter the firm name too: the logo prints with it.')).toBeVisible();
  const stored = harness.core.router.invoke('settings.get', {});
  expect(stored.ok && (stored.value as { firmLogo: string | null }).firmLogo).toMatch(/^[0-9a-f]{64}$/);

  await branding.getByLabel('Firm name').fill('Blue Harbor');
  await expect(branding.getByText('Enter the firm name too: the logo prints with it.')).toHaveCount(0);
  const violations = (
    await new AxeBuilder({ page: app }).include('section[aria-labelledby="branding-title"]').analyze()
  ).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id);
  expect(violations).toEqual([]);
  await app.screenshot({ path: test.info().outputPath('branding.png'), fullPage: true });

  await branding.getByRole('button', { name: 'Remove logo' }).click();
  await expect(branding.getByText('No logo')).toBeVisible();
  expect(harness.core.router.invoke('settings.get', {})).toMatchObject({ value: { firmLogo: null } });
});

test('branding: the section speaks Chinese and a Chinese firm name numbers in Chinese', async ({ app, harness }) => {
  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN' });
  await app.reload();
  await app.getByRole('link', { name: '设置' }).click();
  const branding = app.getByRole('region', { name: '交付物品牌' });
  await branding.getByLabel('公司名称').fill('上海云安咨询有限公司');
  await expect(branding.getByTestId('document-number-example')).toHaveText(`示例：上海云安-${year}-007`);
  await expect(branding.getByTestId('file-name-example')).toContainText(
    '杭州某某电商有限公司_双十一 2026_重保服务工作计划_v0.1_',
  );
});
