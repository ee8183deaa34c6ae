import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { passphraseProtection } from '../../electron/core/signing';
import { type Harness, startHarness } from '../harness/server';

type Fixtures = { harness: Harness; app: Page; foreignRequests: string[] };

/**
 * Each test gets its own data folder and harness, and a page that records every request not
 * addressed to the harness: the app must make none.
 */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this destructuring.
  harness: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
    const harness = await startHarness({ dataDir, keyProtection: passphraseProtection('e2e installation passphrase') });
    await use(harness);
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this destructuring.
  foreignRequests: async ({}, use) => {
    await use([]);
  },
  app: async ({ page, harness, foreignRequests }, use) => {
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${harness.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        foreignRequests.push(url);
      }
    });
    await page.goto(harness.url);
    // The app renders once settings are loaded; keyboard shortcuts work from then on.
    await page.getByRole('banner').waitFor();
    await use(page);
    expect(foreignRequests, 'the app made a request that was not to the local harness').toEqual([]);
  },
});

export { expect };
