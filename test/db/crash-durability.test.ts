import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleWriter, runCrashDurability } from '../durability/crash-run';
import { closeTestCores, startTestCore } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const KILLS = 50;

beforeAll(bundleWriter);

describe('crash durability', () => {
  it(`keeps every acknowledged answer and an intact store across ${KILLS} SIGKILLs`, async () => {
    const report = await runCrashDurability({
      dataDir: tempDataDir(),
      kills: KILLS,
      openCore: (dataDir) => startTestCore({ dataDir }),
    });

    console.log(
      `crash durability: ${KILLS} kills, ${report.acknowledged.length} acknowledged writes, ${report.lost.length} lost, integrity ${report.integrity}`,
    );
    expect(report.acknowledged.length).toBeGreaterThan(KILLS);
    expect(report.lost).toEqual([]);
    expect(report.stale).toEqual([]);
    expect(report.integrity).toBe('ok');
  }, 120_000);
});
