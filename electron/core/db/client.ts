import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { failure } from '../errors';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Store = {
  db: Db;
  sqlite: Database.Database;
  path: string;
  /** Number of migrations applied: the schema version this store is at. */
  schemaVersion: number;
  close: () => void;
};

export const STORE_FILE = 'vigil.db';
const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * Refuses a store that a newer Vigil has migrated past what this build knows. It looks with a
 * read-only handle, before any pragma or migration could touch the file.
 */
function refuseNewerStore(path: string, knownHashes: Set<string>, nativeBinding?: string): void {
  const probe = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const hasTable = probe
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(MIGRATIONS_TABLE);
    if (!hasTable) return;
    const applied = probe.prepare(`SELECT hash, created_at AS createdAt FROM ${MIGRATIONS_TABLE}`).all() as {
      hash: string;
      createdAt: number;
    }[];
    const unknown = applied.filter((m) => !knownHashes.has(m.hash));
    if (unknown.length > 0) {
      throw failure(
        'STORE_TOO_NEW',
        `The data file ${path} was written by a newer version of Vigil (${unknown.length} schema change(s) this version does not know). Update Vigil to open it; the file has not been changed.`,
      );
    }
  } catch (error) {
    if (error instanceof Database.SqliteError) {
      throw failure(
        'STORE_DAMAGED',
        `The data file ${path} cannot be read as a Vigil store (${error.message}). It has not been changed.`,
      );
    }
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * SQLite's quick_check before anything is written: a store damaged by a failing disk or a copy
 * cut short is refused with what SQLite found, so start-up can offer the newest good backup
 * instead of migrating (and so rewriting) a broken file.
 */
function refuseDamagedStore(sqlite: Database.Database, path: string): void {
  let problems: string[];
  try {
    const rows = sqlite.pragma('quick_check') as { quick_check: string }[];
    problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length === 0) return;
  throw failure(
    'STORE_DAMAGED',
    `The data file ${path} is damaged (${problems[0]}${problems.length > 1 ? `, and ${problems.length - 1} more problem(s)` : ''}). It has not been changed.`,
    { details: problems.slice(0, 10) },
  );
}

export type StoreOptions = {
  /** A better-sqlite3 build for another runtime's ABI (Electron's); Node's build by default. */
  nativeBinding?: string;
};

/** Opens (creating if needed) the store in `dataDir` and brings its schema up to date. */
export function openStore(dataDir: string, migrationsDir: string, options: StoreOptions = {}): Store {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, STORE_FILE);
  const migrations = readMigrationFiles({ migrationsFolder: migrationsDir });
  if (existsSync(path)) refuseNewerStore(path, new Set(migrations.map((m) => m.hash)), options.nativeBinding);

  const sqlite = new Database(path, { nativeBinding: options.nativeBinding });
  try {
    refuseDamagedStore(sqlite, path);
    sqlite.pragma('journal_mode = WAL');
    // WAL's default NORMAL can lose the last commits on power loss; an acknowledged answer must survive.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    // drizzle's migrator applies all pending migrations inside one transaction. Foreign keys stay
    // off meanwhile (the pragma is ignored inside a transaction, and drizzle-kit's table rebuilds
    // need it off), then every reference is checked before the store is used.
    sqlite.pragma('foreign_keys = OFF');
    migrate(db, { migrationsFolder: migrationsDir });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0)
      throw failure('INTERNAL', `The data file ${path} has ${broken.length} broken reference(s) after migrating.`);
    sqlite.pragma('foreign_keys = ON');
    const { n } = sqlite.prepare(`SELECT count(*) AS n FROM ${MIGRATIONS_TABLE}`).get() as { n: number };
    return { db, sqlite, path, schemaVersion: n, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
