/**
 * `npx tsx test/bench/log-render.ts` (after `npm run build`): time from opening the on-duty
 * section to the war-room log painted with its newest of 10,000 entries, in Chromium against the
 * browser harness. Kept out of `npm run bench` because it needs a browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { engagementFields } from '../fixtures/engagement';
import { startHarness } from '../harness/server';

const ENTRIES = 10_000;
const RUNS = 7;

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-log-render-'));
const harness = await startHarness({ dataDir });
const browser = await chromium.launch({ executablePath: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium' });
try {
  const created = harness.core.router.invoke('engagement.create', engagementFields());
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: string }).id;
  const sqlite = harness.core.context.store.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO log_entries (id, created_at, updated_at, updated_by, device_id, engagement_id, kind, text, occurred_at, late, author)
     VALUES (?, ?, ?, 'seed', 'seed', ?, 'observation', ?, ?, 0, 'Zhang San')`,
  );
  const start = Date.parse('2026-11-10T12:00:00Z');
  sqlite.transaction(() => {
    for (let i = 0; i < ENTRIES; i += 1) {
      const at = new Date(start + i * 5000).toISOString();
      insert.run(harness.core.context.newId(), at, at, id, `Entry ${i + 1} 流量正常`, at);
    }
  })();
  const page = await browser.newPage();
  await page.goto(`${harness.url}#/engagements/${id}/overview`);
  await page.getByRole('banner').waitFor();
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto(`${harness.url}#/engagements/${id}/overview`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // In the page: switch section, then wait for the newest entry in the DOM and one more frame (painted).
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    const ms = await page.evaluate<number>(`new Promise((done) => {
      const t0 = performance.now();
      location.hash = ${JSON.stringify(`#/engagements/${id}/onDuty`)};
      const poll = () => {
        const found = [...document.querySelectorAll('[data-testid="log-entry"]')].some((el) =>
          el.textContent.includes(${JSON.stringify(`Entry ${ENTRIES} `)}));
        if (found) requestAnimationFrame(() => done(performance.now() - t0));
        else requestAnimationFrame(poll);
      };
      poll();
    })`);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `War-room log with ${ENTRIES} entries painted in Chromium: median ${samples[Math.floor(RUNS / 2)]?.toFixed(0)} ms, slowest ${samples.at(-1)?.toFixed(0)} ms (${RUNS} runs, first included)`,
  );
} finally {
  await browser.close();
  await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
}
