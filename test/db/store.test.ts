import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, STORE_FILE } from '../../electron/core/db/client';
import { isFailure } from '../../electron/core/errors';
import { callOk, closeTestCores, MIGRATIONS_DIR, startTestCore } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** What `fn` threw, so a test can look at it; fails when nothing was thrown. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got none');
}

function migrationCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** A store file left behind by a build that knows one migration more than this one. */
function storeFromNewerBuild(dataDir: string): string {
  const store = openStore(dataDir, MIGRATIONS_DIR);
  const { last } = store.sqlite.prepare('SELECT max(created_at) AS last FROM __drizzle_migrations').get() as {
    last: number;
  };
  store.sqlite
    .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
    .run(createHash('sha256').update('0001_from_the_future.sql').digest('hex'), last + 86_400_000);
  store.close();
  return store.path;
}

describe('store file', () => {
  it('opens with WAL, synchronous=FULL, foreign keys on and a busy timeout', () => {
    const store = openStore(tempDataDir(), MIGRATIONS_DIR);
    try {
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      store.close();
    }
  });

  it('applies every migration on first open and creates the engagements and settings tables', () => {
    const store = openStore(tempDataDir(), MIGRATIONS_DIR);
    try {
      const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
        entries: unknown[];
      };
      expect(store.schemaVersion).toBe(journal.entries.length);
      const tables = store.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(expect.arrayContaining(['engagements', 'settings', '__drizzle_migrations']));
    } finally {
      store.close();
    }
  });

  it('reopening an up-to-date store applies nothing and keeps the schema version and the data', () => {
    const dataDir = tempDataDir();
    const first = startTestCore({ dataDir });
    const created = callOk(first, 'engagement.create', engagementFields());
    const { schemaVersion } = callOk(first, 'app.info', {});
    first.close();
    const rowsBefore = migrationCount(join(dataDir, STORE_FILE));

    const second = startTestCore({ dataDir });
    expect(callOk(second, 'app.info', {}).schemaVersion).toBe(schemaVersion);
    expect(migrationCount(join(dataDir, STORE_FILE))).toBe(rowsBefore);
    expect(callOk(second, 'engagement.get', { id: created.id })).toEqual(created);
  });

  it('keeps the device id across reopen', () => {
    const dataDir = tempDataDir();
    const first = startTestCore({ dataDir });
    const deviceId = first.context.deviceId;
    const created = callOk(first, 'engagement.create', engagementFields());
    first.close();

    const second = startTestCore({ dataDir });
    expect(second.context.deviceId).toBe(deviceId);
    const row = second.context.store.sqlite
      .prepare('SELECT device_id FROM engagements WHERE id = ?')
      .pluck()
      .get(created.id);
    expect(row).toBe(deviceId);
  });

  it('gives each data folder its own device id', () => {
    expect(startTestCore().context.deviceId).not.toBe(startTestCore().context.deviceId);
  });
});

describe('a store a newer Vigil has migrated', () => {
  it('is refused with STORE_TOO_NEW', () => {
    const dataDir = tempDataDir();
    storeFromNewerBuild(dataDir);
    const error = thrownBy(() => openStore(dataDir, MIGRATIONS_DIR));
    expect(isFailure(error) && error.appError.code).toBe('STORE_TOO_NEW');
    expect(isFailure(error) && error.appError.message).toMatch(/newer version of Vigil/);
  });

  it('is refused by startCore too, before anything is written', () => {
    const dataDir = tempDataDir();
    storeFromNewerBuild(dataDir);
    const error = thrownBy(() => startTestCore({ dataDir }));
    expect(isFailure(error) && error.appError.code).toBe('STORE_TOO_NEW');
  });

  it('is left byte for byte as it was, with no WAL content behind', () => {
    const dataDir = tempDataDir();
    const path = storeFromNewerBuild(dataDir);
    const before = sha256(path);
    const sizeBefore = statSync(path).size;

    thrownBy(() => openStore(dataDir, MIGRATIONS_DIR));
    thrownBy(() => startTestCore({ dataDir }));

    expect(sha256(path)).toBe(before);
    expect(statSync(path).size).toBe(sizeBefore);
    const wal = `${path}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    // Every migration this build knows, plus the one from the newer build.
    expect(migrationCount(path)).toBe(knownMigrationCount() + 1);
  });
});

function knownMigrationCount(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

describe('a file named vigil.db that is not a SQLite database', () => {
  it('is refused with a message saying it cannot be read as a Vigil store, and left untouched', () => {
    const dataDir = tempDataDir();
    const path = join(dataDir, STORE_FILE);
    const bytes = Buffer.from('These are my notes, not a database. '.repeat(200));
    writeFileSync(path, bytes);

    const error = thrownBy(() => startTestCore({ dataDir }));

    expect(isFailure(error)).toBe(true);
    expect(isFailure(error) && error.appError.message).toMatch(/cannot be read as a Vigil store/);
    expect(isFailure(error) && error.appError.message).toMatch(/has not been changed/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
