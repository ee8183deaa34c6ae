/**
 * Every migration, applied to a populated store of the version before it: a store holding the
 * rows a current core writes (engagement, plan, findings, capacity, stress test, optimization,
 * roster, war-room log, incidents), cut down to the tables and columns that version had, opened
 * with every migration. Each row keeps every value it had, and the store passes integrity_check.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/db/client';
import { callOk, closeTestCores, MIGRATIONS_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

type JournalEntry = { idx: number; tag: string };
type Journal = { entries: JournalEntry[] };
type Rows = Record<string, unknown>[];

const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as Journal;

/** A migrations folder holding the first `count` migrations, as that release shipped them. */
function firstMigrations(count: number): string {
  const dir = join(tempDataDir(), 'migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, count);
  for (const entry of entries) copyFileSync(join(MIGRATIONS_DIR, `${entry.tag}.sql`), join(dir, `${entry.tag}.sql`));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }, null, 2));
  return dir;
}

const userTables = (sqlite: Database.Database) =>
  (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((name) => !name.startsWith('sqlite_') && !name.startsWith('__drizzle') && !name.includes('search'));
const columnsOf = (sqlite: Database.Database, table: string) =>
  (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/** Every row a current core writes for a busy engagement, by table. */
function rowsOfABusyEngagement(): Map<string, Rows> {
  const core = startTestCore({ now: steppingClock('2026-11-10T13:00:00.000Z') });
  callOk(core, 'settings.update', { consultantName: 'Chen Jie' });
  const engagement = callOk(core, 'engagement.create', engagementFields({ editionId: 'standard' }));
  const engagementId = engagement.id;
  const plan = callOk(core, 'plan.saveContact', {
    engagementId,
    contact: { party: 'provider', name: 'Li Wei', role: 'TAM', email: '', phone: '+86 138', projectManager: false },
  });
  const liWei = plan.contacts[0]?.id ?? '';
  callOk(core, 'finding.create', {
    engagementId,
    severity: 'high',
    title: 'No standby',
    description: '',
    affectedResources: [],
    recommendation: '',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  callOk(core, 'capacity.save', {
    engagementId,
    item: {
      formulaId: 'compute-qps',
      name: 'Order service',
      scopeResourceId: null,
      inputs: {
        units: 8,
        capacityPerUnit: 1500,
        currentCap: null,
        baseline: null,
        multiplier: null,
        marginPct: 30,
        peakOverride: 12000,
      },
      notes: '',
    },
  });
  callOk(core, 'stress.saveScenario', {
    engagementId,
    scenario: {
      name: 'Checkout',
      targetTps: 30,
      targetP95Ms: null,
      targetP99Ms: 800,
      maxErrorRatePct: 1,
      concurrency: 400,
      durationMin: 30,
      rampUpMin: 5,
      dataSet: '',
      notes: '',
    },
  });
  callOk(core, 'roster.saveShift', {
    engagementId,
    shift: {
      contactId: liWei,
      roleId: 'dutyManager',
      startUtc: '2026-11-10T12:00:00.000Z',
      endUtc: '2026-11-10T20:00:00.000Z',
    },
  });
  callOk(core, 'log.append', { engagementId, kind: 'decision', text: 'Freeze releases' });
  callOk(core, 'incident.save', {
    engagementId,
    incident: { severity: 'P3', title: 'CDN 5xx', detectedAt: '2026-11-10T12:30:00.000Z' },
  });
  const sqlite = core.context.store.sqlite;
  const rows = new Map(
    userTables(sqlite).map((table) => [table, sqlite.prepare(`SELECT * FROM ${table}`).all() as Rows]),
  );
  core.close();
  return rows;
}

const busy = rowsOfABusyEngagement();

describe('each migration on a populated store of the version before it', () => {
  for (let applied = 1; applied < journal.entries.length; applied += 1) {
    const next = journal.entries[applied]?.tag ?? '';
    it(`${next} keeps every row and value of the store it upgrades`, () => {
      const dataDir = tempDataDir();
      const old = openStore(dataDir, firstMigrations(applied));
      expect(old.schemaVersion).toBe(applied);
      const kept = new Map<string, Rows>();
      old.sqlite.pragma('foreign_keys = OFF');
      for (const table of userTables(old.sqlite)) {
        const columns = new Set(columnsOf(old.sqlite, table));
        const rows = (busy.get(table) ?? []).map((row) =>
          Object.fromEntries(Object.entries(row).filter(([c]) => columns.has(c))),
        );
        for (const row of rows) {
          const names = Object.keys(row);
          old.sqlite
            .prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((c) => `@${c}`).join(', ')})`)
            .run(row);
        }
        kept.set(table, rows);
      }
      old.close();

      const upgraded = openStore(dataDir, MIGRATIONS_DIR);
      try {
        expect(upgraded.schemaVersion).toBe(journal.entries.length);
        expect(upgraded.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        let compared = 0;
        for (const [table, rows] of kept) {
          const now = upgraded.sqlite.prepare(`SELECT * FROM ${table}`).all() as Rows;
          for (const row of rows) {
            const match = now.find((candidate) => Object.entries(row).every(([c, v]) => candidate[c] === v));
            expect(match, `${table} row ${String(row.id ?? '')} after ${next}`).toBeDefined();
            compared += 1;
          }
        }
        expect(compared).toBeGreaterThan(0);
      } finally {
        upgraded.close();
      }
    });
  }
});
