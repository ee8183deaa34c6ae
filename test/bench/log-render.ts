/**
 * The war-room log painted in Chromium against the browser harness: time from opening the on-duty
 * section to the newest entry on screen, with 10,000 entries beside 100 (the virtualised list
 * should make them alike). Part of `npm run bench` (and `-- onduty`) when Chromium is installed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { engagementFields } from '../fixtures/engagement';
import { type Harness, startHarness } from '../harness/server';
import { type OnDutyRow, stats } from './onduty';

const RUNS = 7;
const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

/** An engagement whose log holds `entries` entries, five seconds apart. */
function seed(harness: Harness, entries: number): string {
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
    for (let i = 0; i < entries; i += 1) {
      const at = new Date(start + i * 5000).toISOString();
      insert.run(harness.core.context.newId(), at, at, id, `Entry ${i + 1} 流量正常`, at);
    }
  })();
  return id;
}

/** Milliseconds from switching to the on-duty section to the newest entry painted, per run. */
async function paintTimes(browser: Browser, harness: Harness, id: string, entries: number): Promise<number[]> {
  const page = await browser.newPage();
  try {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto(`${harness.url}#/engagements/${id}/overview`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // A string, not a function: tsx would wrap a function with helpers the page does not have.
      const ms = await page.evaluate<number>(`new Promise((done) => {
        const t0 = performance.now();
        location.hash = ${JSON.stringify(`#/engagements/${id}/onDuty`)};
        const poll = () => {
          const found = [...document.querySelectorAll('[data-testid="log-entry"]')].some((el) =>
            el.textContent.includes(${JSON.stringify(`Entry ${entries} `)}));
          if (found) requestAnimationFrame(() => done(performance.now() - t0));
          else requestAnimationFrame(poll);
        };
        poll();
      })`);
      samples.push(ms);
    }
    return samples;
  } finally {
    await page.close();
  }
}

export async function benchLogRender(notes: string[]): Promise<OnDutyRow | null> {
  if (!existsSync(CHROMIUM)) {
    notes.push(`War-room log rendering: skipped, no Chromium at ${CHROMIUM} (set VIGIL_CHROMIUM).`);
    return null;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-log-render-'));
  const harness = await startHarness({ dataDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const big = seed(harness, 10_000);
    const small = seed(harness, 100);
    const vigil = await paintTimes(browser, harness, big, 10_000);
    const raw = await paintTimes(browser, harness, small, 100);
    notes.push(
      'War-room log rendering: Chromium against the harness, from switching to the on-duty section to the newest entry painted; raw = the same log with 100 entries; runs include the cold first one.',
    );
    return {
      measure: 'War-room log painted, 10,000 entries (raw: 100)',
      vigil: stats(vigil),
      raw: stats(raw),
      goal: 'p50 ≤ 500 ms',
      judged: { on: 'p50', limitMs: 500 },
    };
  } finally {
    await browser.close();
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
