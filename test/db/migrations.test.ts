import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, STORE_FILE } from '../../electron/core/db/client';
import { callOk, closeTestCores, MIGRATIONS_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

type JournalEntry = { idx: number; tag: string };
const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
  entries: JournalEntry[];
};
const FIRST = journal.entries[0] as JournalEntry;

/** The tables the planning migration (and any later one) adds: every table a first-migration store lacks. */
const PLANNING_TABLES = [
  'catalog_snapshots',
  'contacts',
  'engagement_plans',
  'firm_calendars',
  'firm_catalogs',
  'on_site_days',
  'plan_tasks',
  'rule_overrides',
  'scope_resources',
];

/** A migrations folder holding only the first migration, as the first release shipped it. */
function firstMigrationOnly(): string {
  const dir = join(tempDataDir(), 'migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  copyFileSync(join(MIGRATIONS_DIR, `${FIRST.tag}.sql`), join(dir, `${FIRST.tag}.sql`));
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: [FIRST] }, null, 2));
  return dir;
}

function tables(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((name) => !name.startsWith('sqlite_'));
}

type Rows = Record<string, unknown>[];

/**
 * Engagement and settings rows as the core writes them, made through the router of a current core.
 * (Today's core cannot start on a first-migration store: it reads the firm catalog table at start.)
 */
function rowsWrittenByTheCore(): { engagements: Rows; settings: Rows } {
  const core = startTestCore({ now: steppingClock('2026-05-04T08:00:00.000Z') });
  callOk(core, 'settings.update', { consultantName: 'Chen Jie', uiLanguage: 'zh-CN', colorScheme: 'dark' });
  callOk(core, 'engagement.create', engagementFields());
  const second = callOk(
    core,
    'engagement.create',
    engagementFields({ eventName: 'Spring sale', timeZone: 'Europe/Berlin', catalogId: 'huawei-key-event-on-duty' }),
  );
  callOk(core, 'engagement.archive', { id: second.id });
  const read = (sql: string) => core.context.store.sqlite.prepare(sql).all() as Rows;
  const rows = { engagements: read('SELECT * FROM engagements ORDER BY id'), settings: read('SELECT * FROM settings') };
  core.close();
  return rows;
}

function insertAll(sqlite: Database.Database, table: string, rows: Rows) {
  for (const row of rows) {
    const columns = Object.keys(row);
    sqlite
      .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
      .run(row);
  }
}

/** A store at the first migration, holding engagements and settings, closed. */
function firstReleaseStore() {
  const dataDir = tempDataDir();
  const rows = rowsWrittenByTheCore();
  const store = openStore(dataDir, firstMigrationOnly());
  expect(store.schemaVersion).toBe(1);
  expect(tables(store.sqlite)).not.toContain('engagement_plans');
  insertAll(store.sqlite, 'engagements', rows.engagements);
  insertAll(store.sqlite, 'settings', rows.settings);
  store.close();
  return { dataDir, rows };
}

describe('opening a first-release store with the current migrations', () => {
  it('applies the later migrations and keeps engagements and settings as they were', () => {
    const { dataDir, rows } = firstReleaseStore();
    const core = startTestCore({ dataDir });
    expect(core.context.store.schemaVersion).toBe(journal.entries.length);
    const sqlite = core.context.store.sqlite;
    expect(sqlite.prepare('SELECT * FROM engagements ORDER BY id').all()).toEqual(rows.engagements);
    expect(sqlite.prepare('SELECT * FROM settings').all()).toEqual(rows.settings);
    expect(callOk(core, 'settings.get', {})).toMatchObject({ consultantName: 'Chen Jie', uiLanguage: 'zh-CN' });
    const listed = callOk(core, 'engagement.list', {});
    expect(listed.map((e) => e.eventName)).toContain("Singles' Day 2026");
  });

  it('creates the planning tables empty', () => {
    const { dataDir } = firstReleaseStore();
    const sqlite = startTestCore({ dataDir }).context.store.sqlite;
    expect(tables(sqlite)).toEqual(expect.arrayContaining(PLANNING_TABLES));
    for (const table of PLANNING_TABLES) {
      expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('makes a default plan for an engagement from before planning existed', () => {
    const { dataDir, rows } = firstReleaseStore();
    const core = startTestCore({ dataDir, now: steppingClock('2026-06-01T02:00:00.000Z') });
    const old = rows.engagements.find((r) => r.event_name === "Singles' Day 2026");
    const plan = callOk(core, 'plan.get', { engagementId: String(old?.id) });
    expect(plan.catalog).toMatchObject({ catalogId: 'alibaba-hypercare', editionId: 'standard' });
    expect(plan.settings).toMatchObject({ applicationDate: '2026-06-01', calendarId: 'cn-2026', serviceDays: 3 });
    expect(plan.tasks.map((t) => t.templateId)).toContain('on-demand-stress-testing');
    // Plan writes work on it too, and its engagement row is untouched by them.
    const edited = callOk(core, 'plan.updateSettings', { engagementId: plan.engagementId, patch: { serviceDays: 2 } });
    expect(edited.settings.serviceDays).toBe(2);
    expect(core.context.store.sqlite.prepare('SELECT * FROM engagements WHERE id = ?').get(plan.engagementId)).toEqual(
      old,
    );
  });

  it('keeps the archived engagement’s plan read-only after the upgrade', () => {
    const { dataDir, rows } = firstReleaseStore();
    const core = startTestCore({ dataDir });
    const archived = rows.engagements.find((r) => r.status === 'archived');
    expect(archived).toBeDefined();
    const result = core.router.invoke('plan.updateSettings', {
      engagementId: archived?.id,
      patch: { serviceDays: 2 },
    });
    expect(result.ok ? null : result.error.code).toBe('CONFLICT');
  });

  it('builds the first-release fixture right: one migration applied, both engagements stored', () => {
    const { dataDir } = firstReleaseStore();
    const probe = new Database(join(dataDir, STORE_FILE), { readonly: true });
    try {
      expect(probe.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(1);
      expect(probe.prepare('SELECT count(*) FROM engagements').pluck().get()).toBe(2);
    } finally {
      probe.close();
    }
  });
});
