/**
 * `npm run screenshots`: seeds a few engagements into a temporary store and captures the main
 * screens in Chromium, for the README and for looking at the UI as a person would.
 * Writes to resources/screenshots/ (README) and, with --all, every screen to test-results/screens/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createBackup } from '../../electron/core/services/backups';
import { startHarness } from './server';

const root = resolve(import.meta.dirname, '../..');
const all = process.argv.includes('--all');
const outDir = join(root, all ? 'test-results/screens' : 'resources/screenshots');
mkdirSync(outDir, { recursive: true });

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-screens-'));
const harness = await startHarness({ dataDir });
const seed = [
  [
    'Hangzhou Example Retail Co., Ltd.',
    'Double 12 2026',
    'promotion',
    '2026-12-11T20:00',
    '2026-12-13T02:00',
    'Asia/Shanghai',
    'alibaba-hypercare',
    'standard',
    'en',
    'preparing',
  ],
  [
    'Lumen Games',
    'Starfall global launch',
    'gameLaunch',
    '2026-12-04T18:00',
    '2026-12-06T06:00',
    'Europe/Berlin',
    'huawei-key-event-on-duty',
    'standard',
    'en',
    'preparing',
  ],
  [
    'Northwind Bank',
    'Year-end settlement',
    'holiday',
    '2026-12-31T18:00',
    '2027-01-01T06:00',
    'Asia/Singapore',
    'alibaba-hypercare',
    'standard',
    'en',
    'planning',
  ],
  [
    'City Marathon Org.',
    'Marathon live stream',
    'sports',
    '2027-03-14T06:00',
    '2027-03-14T14:00',
    'Asia/Shanghai',
    'huawei-key-event-on-duty',
    'basic',
    'zh-CN',
    'planning',
  ],
] as const;
// A firm's name on the covers, as a consultant would have set it up.
harness.core.router.invoke('settings.update', { firmName: 'Northwind Assurance Partners', consultantName: 'Chen Mei' });
let firstId = '';
for (const [customerOrg, eventName, eventKind, start, end, timeZone, catalogId, editionId, language, status] of seed) {
  const created = harness.core.router.invoke('engagement.createPlanned', {
    engagement: {
      customerOrg,
      eventName,
      eventKind,
      eventStartLocal: start,
      eventEndLocal: end,
      timeZone,
      catalogId,
      editionId,
      language,
    },
    plan: {
      settings: { applicationDate: '2026-11-16', orderDate: '2026-11-20' },
      details: {
        peak: { qps: 120000, tps: 18000, concurrentUsers: 2000000, bandwidth: 20, bandwidthUnit: 'Gbps' },
        objectives: 'Checkout stays available through the midnight peak; payment success ≥ 99.95 %.',
        slos: [{ metric: 'Order API P99 latency', target: '≤ 300 ms' }],
      },
      resources: [
        { resourceType: 'compute', spec: 'ecs.g7.4xlarge', count: 48, region: 'cn-hangzhou', notes: '' },
        { resourceType: 'database', spec: 'PolarDB MySQL 8.0, 16 vCPU', count: 2, region: 'cn-hangzhou', notes: '' },
      ],
      contacts: [
        {
          party: 'customer',
          name: 'Li Wei',
          role: 'CTO',
          email: 'li.wei@example.com',
          phone: '+86 138 0000 0000',
          projectManager: false,
        },
        {
          party: 'provider',
          name: 'Chen Mei',
          role: 'TAM',
          email: 'chen.mei@example.com',
          phone: '',
          projectManager: true,
        },
      ],
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: string }).id;
  firstId ||= id;
  harness.core.router.invoke('engagement.update', { id, patch: { status } });
}

const browser = await chromium.launch({ executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
const shot = async (name: string) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(join(outDir, `${name}.png`));
};
await page.goto(harness.url);
await page.getByTestId('engagement-table').waitFor();
await shot('engagements');
if (!all) {
  // The README's second picture: a deliverable's preflight with the PDF beside it.
  await page.goto(`${harness.url}#/engagements/${firstId}/deliverables`);
  await page.getByRole('button', { name: /^Preflight and export Cloud Hypercare Service Work Plan/ }).click();
  await page.getByRole('tab', { name: 'PDF preview' }).click();
  await page.getByRole('button', { name: 'Render the PDF' }).click();
  await page.getByRole('img', { name: /^Page 2 of/ }).waitFor({ timeout: 60_000 });
  await shot('deliverable-export');
}
if (all) {
  await page.keyboard.press('n');
  await page.getByRole('dialog').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await shot('create-invalid');
  await page.keyboard.press('Escape');
  await page.goto(`${harness.url}#/engagements/${firstId}/overview`);
  await page.getByTestId('autosave').waitFor();
  await shot('overview');
  await page.goto(`${harness.url}#/engagements/${firstId}/plan`);
  await page.getByTestId('plan-tasks').waitFor();
  await page.screenshot({ path: join(outDir, 'plan-full.png'), fullPage: true });
  await shot('plan');
  await page.goto(`${harness.url}#/engagements/${firstId}/deliverables`);
  await page.getByTestId('deliverable-work-plan').waitFor();
  await shot('deliverables');
  await page.getByRole('button', { name: /^Preflight and export Cloud Hypercare Service Work Plan/ }).click();
  await page.getByTestId('preflight-list').waitFor();
  await shot('deliverable-preflight');
  await page.getByRole('button', { name: 'Export DOCX and PDF' }).click();
  await page.getByTestId('export-progress').waitFor();
  await page.screenshot({ path: join(outDir, 'deliverable-exporting.png') });
  await page.getByTestId('export-done').waitFor({ timeout: 60_000 });
  await shot('deliverable-exported');
  await page.getByRole('tab', { name: 'PDF preview' }).click();
  await page.getByRole('button', { name: 'Render the PDF' }).click();
  await page.getByRole('img', { name: /^Page 2 of/ }).waitFor({ timeout: 60_000 });
  await shot('deliverable-pdf-preview');
  await page.keyboard.press('Escape');
  await page.goto(`${harness.url}#/engagements/${firstId}/survey`);
  await shot('survey');
  await page.goto(`${harness.url}#/`);
  await page.keyboard.press('n');
  await page.getByRole('dialog').waitFor();
  await shot('wizard-offering');
  await page.getByRole('button', { name: 'Next' }).click();
  await shot('wizard-event');
  await page.keyboard.press('Escape');
  await page.goto(`${harness.url}#/settings`);
  await shot('settings');
  // Backups as a consultant's laptop has them after a few days: rolling ones and one taken by hand.
  await createBackup(harness.core.context, 'daily');
  await createBackup(harness.core.context, 'manual');
  await createBackup(harness.core.context, 'quit');
  await page.reload();
  await page.getByRole('region', { name: 'Backups' }).scrollIntoViewIfNeeded();
  await shot('settings-backups');
  await page.getByRole('button', { name: /^Restore vigil-.*-manual/ }).click();
  await page.getByRole('dialog').waitFor();
  await shot('settings-backups-restore');
  await page.keyboard.press('Escape');
  harness.core.router.invoke('settings.update', { uiLanguage: 'zh-CN', colorScheme: 'dark' });
  await page.goto(`${harness.url}#/`);
  await page.reload();
  await page.getByTestId('engagement-table').waitFor();
  await shot('engagements-zh-dark');
  await page.goto(`${harness.url}#/engagements/${firstId}/overview`);
  await page.getByTestId('autosave').waitFor();
  await shot('overview-zh-dark');
  await page.goto(`${harness.url}#/settings`);
  await page.getByRole('region', { name: '备份' }).scrollIntoViewIfNeeded();
  await shot('settings-backups-zh-dark');
  // The evaluation and on-duty screens in Chinese and dark: the widest labels and the least-seen theme.
  for (const section of ['capacity', 'stressTest', 'optimization', 'onDuty'] as const) {
    await page.goto(`${harness.url}#/engagements/${firstId}/${section}`);
    await page.waitForLoadState('networkidle');
    await shot(`${section}-zh-dark`);
  }
  for (const [index, name] of [
    [1, 'roster'],
    [3, 'incidents'],
    [4, 'close'],
  ] as const) {
    await page.getByRole('tab').nth(index).click();
    await page.waitForLoadState('networkidle');
    await shot(`onduty-${name}-zh-dark`);
  }
}
await browser.close();
await harness.close();
rmSync(dataDir, { recursive: true, force: true });
