/**
 * `tsx test/bench/profile-update.ts`: where the time of one engagement.update goes, step by step,
 * each step repeated on its own. Complements run.ts when the update figure misses its goal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '@shared/contract';
import { engagementDraftSchema } from '@shared/domain/engagement';
import { localToUtc } from '@shared/domain/time';
import { startCore } from '../../electron/core/index';
import { MIGRATIONS_DIR, RESOURCES_DIR } from '../fixtures/core';
import { engagementFields } from '../fixtures/engagement';

const N = 2_000;

function meanUs(fn: (i: number) => unknown): number {
  for (let i = 0; i < 200; i += 1) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1) fn(i);
  return Number(process.hrtime.bigint() - start) / 1e3 / N;
}

const root = mkdtempSync(join(process.env.VIGIL_BENCH_DIR ?? tmpdir(), 'vigil-profile-'));
try {
  const core = startCore({
    dataDir: root,
    migrationsDir: MIGRATIONS_DIR,
    resourcesDir: RESOURCES_DIR,
    version: 'profile',
    transport: 'harness',
  });
  const created = core.router.invoke('engagement.create', engagementFields());
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: string }).id;
  const sqlite = core.context.store.sqlite;
  const fields = engagementFields();
  const rawUpdate = sqlite.prepare('UPDATE engagements SET customer_org = ?, updated_at = ? WHERE id = ?');
  const rawSelect = sqlite.prepare('SELECT * FROM engagements WHERE id = ? AND purged_at IS NULL');

  const steps: [string, (i: number) => unknown][] = [
    [
      'contract input parse (engagement.update)',
      (i) => contract['engagement.update'].input.parse({ id, patch: { customerOrg: `A ${i}` } }),
    ],
    ['engagementDraftSchema.safeParse (cross-field rules)', () => engagementDraftSchema.safeParse(fields)],
    [
      'localToUtc x2',
      () => [localToUtc(fields.eventStartLocal, fields.timeZone), localToUtc(fields.eventEndLocal, fields.timeZone)],
    ],
    ['raw SELECT by id', () => rawSelect.get(id)],
    ['engagement.get via router (parse + drizzle select + map)', () => core.router.invoke('engagement.get', { id })],
  ];
  const rows: [string, number][] = steps.map(([name, fn]) => [name, meanUs(fn)]);

  sqlite.pragma('synchronous = OFF');
  rows.push(['raw UPDATE, synchronous=OFF (no fsync)', meanUs((i) => rawUpdate.run(`A ${i}`, 'x', id))]);
  rows.push([
    'engagement.update via router, synchronous=OFF',
    meanUs((i) => core.router.invoke('engagement.update', { id, patch: { customerOrg: `B ${i}` } })),
  ]);
  sqlite.pragma('synchronous = FULL');
  rows.push(['raw UPDATE, synchronous=FULL', meanUs((i) => rawUpdate.run(`C ${i}`, 'x', id))]);
  rows.push([
    'engagement.update via router, synchronous=FULL',
    meanUs((i) => core.router.invoke('engagement.update', { id, patch: { customerOrg: `D ${i}` } })),
  ]);
  core.close();

  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${'Step'.padEnd(width)}  mean µs`);
  for (const [name, us] of rows) console.log(`${name.padEnd(width)}  ${us.toFixed(1).padStart(7)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
