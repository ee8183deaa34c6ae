/**
 * A backup is one SQLite file: a consistent copy of the store made with SQLite's online backup
 * API, plus every file the store points at (evidence, signed deliverables, the logo, stress-test
 * sources) as rows of its own table. One file is easy to copy to a USB stick, SQLite checks its own
 * integrity, and each stored file carries its SHA-256 so a flipped bit is found before a restore.
 *
 * These functions work on files only; the store's lifecycle is services/backups.ts's business.
 */
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '@shared/domain/backup';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { z } from 'zod';
import { STORE_FILE } from '../db/client';

/** Folders of the data folder whose files the store refers to by hash; logs and temp files stay out. */
export const BACKED_UP_FOLDERS = ['evidence', 'signoff', 'branding', 'loadtests'] as const;
/** The installation's signing key stays out on purpose: it is this laptop's identity, not engagement data. */

const FORMAT = 'vigil-backup';
const FORMAT_VERSION = 1;
const MIGRATIONS_TABLE = '__drizzle_migrations';
/** Files are stored in parts of this size: SQLite caps a blob at 1 GB, Node a read at 2 GB. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** The event loop gets a turn after about this many bytes copied. */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The only files a backup holds or restores: named by their SHA-256 (evidence, its thumbnail and
 * document variant, signed PDF/DOCX and signature images, the logo, stress-test sources). Anything
 * else in those folders is not the store's, and no other name can reach the file system on restore.
 */
const STORED_FILE =
  /^(?:evidence\/([0-9a-f]{2})\/([0-9a-f]{64})(\.doc\.jpg)?|signoff\/([0-9a-f]{64})\.(?:pdf|docx|png)|branding\/([0-9a-f]{64})\.png|loadtests\/([0-9a-f]{64}))$/;

/** The hash a stored file's name promises for its bytes, or null for a derived variant (named after its source). */
function promisedHash(path: string): string | null {
  const match = STORED_FILE.exec(path);
  if (!match) return null;
  if (match[3]) return null;
  return match[2] ?? match[4] ?? match[5] ?? match[6] ?? null;
}

export type BackupFacts = { createdAt: string; reason: BackupReason; appVersion: string; schemaVersion: number };

const metaSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  // A time, nothing else: it becomes part of a file name when a backup from elsewhere is added.
  createdAt: z.iso.datetime(),
  reason: z.enum(BACKUP_REASONS),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  engagements: z.number().int(),
  files: z.number().int(),
});

const yieldToEventLoop = () => new Promise<void>((done) => setImmediate(done));

function filesUnder(dataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      // Only the store's own content-addressed files: half-written `.tmp` files and strays stay out.
      else if (entry.isFile() && STORED_FILE.test(storedPath(dataDir, path))) found.push(path);
    }
  };
  for (const folder of BACKED_UP_FOLDERS) {
    const dir = join(dataDir, folder);
    if (existsSync(dir)) walk(dir);
  }
  return found;
}

/** A stored path as written in the backup: forward slashes, under one of the backed-up folders. */
function storedPath(dataDir: string, file: string): string {
  return relative(dataDir, file).split(sep).join('/');
}

/** Where a stored path goes on restore, or null for any name the store could not have written. */
export function restoreTarget(dataDir: string, path: string): string | null {
  if (!STORED_FILE.test(path)) return null;
  const target = resolve(dataDir, ...path.split('/'));
  return target.startsWith(resolve(dataDir) + sep) ? target : null;
}

/** Reads a file in parts; null when it has gone (removed since it was listed). */
function* fileParts(file: string): Generator<Buffer, void, undefined> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return;
    throw error;
  }
  try {
    for (;;) {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}

const TABLES_SQL = `CREATE TABLE vigil_backup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE vigil_backup_files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL);
  CREATE TABLE vigil_backup_chunks (path TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (path, seq));`;

const schemaCache = new Map<string, Set<string>>();
const migrationsCache = new Map<string, ReturnType<typeof readMigrationFiles>>();

/** This build's migrations, read (and hashed) once per folder: a list of backups inspects each file. */
function migrationsOf(migrationsDir: string): ReturnType<typeof readMigrationFiles> {
  let migrations = migrationsCache.get(migrationsDir);
  if (!migrations) {
    migrations = readMigrationFiles({ migrationsFolder: migrationsDir });
    migrationsCache.set(migrationsDir, migrations);
  }
  return migrations;
}

/**
 * The schema a store has after the given migrations, as `type|name|sql` lines, built in memory
 * from this build's migration files. A backup whose schema differs (an extra trigger or view, a
 * changed table) was not written by Vigil and is refused before it can run anything.
 */
function expectedSchema(migrationsDir: string, applied: readonly string[]): Set<string> {
  const key = `${migrationsDir}\n${applied.join(',')}`;
  const cached = schemaCache.get(key);
  if (cached) return cached;
  const scratch = new Database(':memory:');
  try {
    const wanted = new Set(applied);
    for (const migration of migrationsOf(migrationsDir)) {
      if (!wanted.has(migration.hash)) break;
      for (const statement of migration.sql) if (statement.trim()) scratch.exec(statement);
    }
    const schema = schemaOf(scratch);
    schemaCache.set(key, schema);
    return schema;
  } finally {
    scratch.close();
  }
}

function schemaOf(db: Database.Database): Set<string> {
  const rows = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'vigil_backup_%' AND name <> '__drizzle_migrations'",
    )
    .all() as { type: string; name: string; sql: string | null }[];
  return new Set(rows.map((row) => `${row.type}|${row.name}|${row.sql ?? ''}`));
}

/** Opens a file from outside read-only, with nothing in its schema trusted to run. */
function openUntrusted(path: string, nativeBinding?: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  db.pragma('trusted_schema = OFF');
  return db;
}

/**
 * Copies the open store and its files into `destination` (written beside it as `.partial` and
 * renamed when complete, so a crash never leaves a half backup under a backup's name). Writes
 * the same connection makes meanwhile land in the copy too (SQLite's backup API restarts on them).
 */
export async function writeBackupFile(
  store: Database.Database,
  dataDir: string,
  destination: string,
  facts: BackupFacts,
  nativeBinding?: string,
): Promise<{ files: number; engagements: number }> {
  mkdirSync(dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  try {
    await store.backup(partial);
    const copy = new Database(partial, { nativeBinding });
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('synchronous = FULL');
      copy.exec(TABLES_SQL);
      const insertFile = copy.prepare('INSERT INTO vigil_backup_files (path, sha256, size) VALUES (?, ?, ?)');
      const insertChunk = copy.prepare('INSERT INTO vigil_backup_chunks (path, seq, data) VALUES (?, ?, ?)');
      let copied = 0;
      let sinceYield = 0;
      // One transaction for every file: one sync at the end rather than one per part. This
      // connection is the backup's own, so holding it open across event-loop turns blocks nobody.
      copy.exec('BEGIN');
      for (const file of filesUnder(dataDir)) {
        const path = storedPath(dataDir, file);
        const hash = createHash('sha256');
        let size = 0;
        let seq = 0;
        for (const part of fileParts(file)) {
          insertChunk.run(path, seq, part);
          hash.update(part);
          size += part.byteLength;
          seq += 1;
          sinceYield += part.byteLength;
          if (sinceYield >= BATCH_BYTES) {
            sinceYield = 0;
            await yieldToEventLoop();
          }
        }
        // Removed since it was listed: its parts, if any, go with it.
        if (seq === 0 && !existsSync(file)) continue;
        insertFile.run(path, hash.digest('hex'), size);
        copied += 1;
      }
      copy.exec('COMMIT');
      const { n: engagements } = copy
        .prepare('SELECT count(*) AS n FROM engagements WHERE deleted_at IS NULL')
        .get() as { n: number };
      const meta = metaSchema.parse({
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        ...facts,
        engagements,
        files: copied,
      });
      const insertMeta = copy.prepare('INSERT INTO vigil_backup_meta (key, value) VALUES (?, ?)');
      copy.transaction(() => {
        for (const [key, value] of Object.entries(meta)) insertMeta.run(key, JSON.stringify(value));
      })();
      copy.close();
      renameSync(partial, destination);
      return { files: copied, engagements };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** A name the backup must hold as a plain table: a view of that name could run anything on read. */
function isTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function readMeta(db: Database.Database): z.infer<typeof metaSchema> | null {
  if (!isTable(db, 'vigil_backup_meta')) return null;
  const rows = db.prepare('SELECT key, value FROM vigil_backup_meta').all() as { key: string; value: string }[];
  const values: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      values[row.key] = JSON.parse(row.value);
    } catch {
      return null;
    }
  }
  const parsed = metaSchema.safeParse(values);
  return parsed.success ? parsed.data : null;
}

type StoredFileRow = { path: string; sha256: string; size: number };

/** Each stored file's parts in order, hashed as they come; throws naming the file when it does not match. */
function* verifiedParts(db: Database.Database, file: StoredFileRow): Generator<Buffer, void, undefined> {
  const hash = createHash('sha256');
  let size = 0;
  const parts = db.prepare('SELECT data FROM vigil_backup_chunks WHERE path = ? ORDER BY seq').pluck();
  for (const data of parts.iterate(file.path) as Iterable<Buffer>) {
    hash.update(data);
    size += data.byteLength;
    yield data;
  }
  const digest = hash.digest('hex');
  const promised = promisedHash(file.path);
  if (digest !== file.sha256 || size !== file.size || (promised !== null && promised !== digest)) {
    throw new Error(`the stored file ${file.path} does not match its checksum`);
  }
}

/**
 * What a backup file holds and whether it can be restored. `deep` runs SQLite's full
 * integrity_check, compares the schema with what this build's migrations make, and re-hashes
 * every stored file (for a restore or an added file); without it only the description and the
 * schema version are read (for a list). Nothing in the file's schema is run either way.
 */
export function inspectBackupFile(
  path: string,
  migrationsDir: string,
  options: { deep: boolean; nativeBinding?: string },
): BackupInfo {
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const bytes = existsSync(path) ? statSync(path).size : 0;
  const unknown = {
    createdAt: null,
    reason: null,
    appVersion: null,
    schemaVersion: null,
    engagements: null,
    files: null,
  };
  const damaged = (problem: string): BackupInfo => ({ fileName, bytes, status: 'damaged', problem, ...unknown });
  let db: Database.Database;
  try {
    db = openUntrusted(path, options.nativeBinding);
  } catch (error) {
    return damaged(`it cannot be opened (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const views = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'view'").pluck().get();
    if (views !== 0 || !isTable(db, MIGRATIONS_TABLE) || !isTable(db, 'vigil_backup_files'))
      return damaged('it is not a Vigil backup (its tables are not the ones Vigil writes)');
    const meta = readMeta(db);
    if (!meta) return damaged('it is not a Vigil backup (its description is missing or unreadable)');
    const facts = {
      fileName,
      bytes,
      createdAt: meta.createdAt,
      reason: meta.reason,
      appVersion: meta.appVersion,
      schemaVersion: meta.schemaVersion,
      engagements: meta.engagements,
      files: meta.files,
    };
    const applied = db.prepare(`SELECT hash FROM ${MIGRATIONS_TABLE} ORDER BY id`).pluck().all() as string[];
    const known = new Set(migrationsOf(migrationsDir).map((m) => m.hash));
    const newer = applied.filter((hash) => !known.has(hash)).length;
    if (newer > 0) {
      return {
        ...facts,
        status: 'newer',
        problem: `it was made by a newer version of Vigil (${newer} schema change(s) this version does not know)`,
      };
    }
    if (options.deep) {
      const check = db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = check.map((row) => row.integrity_check).filter((line) => line !== 'ok');
      if (problems.length > 0)
        return { ...facts, status: 'damaged', problem: `SQLite finds it damaged: ${problems[0]}` };
      const expected = expectedSchema(migrationsDir, applied);
      const actual = schemaOf(db);
      const foreign = [...actual].filter((line) => !expected.has(line));
      const missing = [...expected].filter((line) => !actual.has(line));
      if (foreign.length > 0 || missing.length > 0) {
        const first = (foreign[0] ?? missing[0] ?? '').split('|').slice(0, 2).join(' ');
        return { ...facts, status: 'damaged', problem: `its schema is not one Vigil makes (${first})` };
      }
      let counted = 0;
      for (const file of db.prepare('SELECT path, sha256, size FROM vigil_backup_files').all() as StoredFileRow[]) {
        if (!STORED_FILE.test(file.path))
          return { ...facts, status: 'damaged', problem: `it names a file Vigil does not keep: ${file.path}` };
        try {
          for (const _part of verifiedParts(db, file)) {
            // Hashing is the point: verifiedParts throws on a mismatch.
          }
        } catch (error) {
          return { ...facts, status: 'damaged', problem: error instanceof Error ? error.message : String(error) };
        }
        counted += 1;
      }
      if (counted !== meta.files)
        return { ...facts, status: 'damaged', problem: `it holds ${counted} files where ${meta.files} were written` };
    }
    return { ...facts, status: 'ok' };
  } catch (error) {
    return damaged(`it cannot be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup that passed the deep check in place of the store: its files are written where
 * missing (named by their hash, so one already there is the same file), then the database is
 * swapped in with one rename over the store. The store must be closed. With `displacedAs` the
 * store it replaces is first copied there (a damaged store kept for a specialist); the store file
 * itself is only ever replaced by the rename, so a crash leaves either the old or the new one.
 */
export function installBackupFile(
  dataDir: string,
  backupPath: string,
  options: { displacedAs?: string; nativeBinding?: string } = {},
): { files: number } {
  const storePath = join(dataDir, STORE_FILE);
  const incoming = `${storePath}.restoring`;
  rmSync(incoming, { force: true });
  copyFileSync(backupPath, incoming);
  let files = 0;
  try {
    const db = new Database(incoming, { nativeBinding: options.nativeBinding });
    try {
      db.pragma('trusted_schema = OFF');
      for (const file of db.prepare('SELECT path, sha256, size FROM vigil_backup_files').all() as StoredFileRow[]) {
        const target = restoreTarget(dataDir, file.path);
        if (!target) throw new Error(`The backup names a file Vigil does not keep: ${file.path}`);
        files += 1;
        if (existsSync(target) && statSync(target).size === file.size) continue;
        mkdirSync(dirname(target), { recursive: true });
        const temporary = `${target}.tmp`;
        writeFileSync(temporary, new Uint8Array(0));
        try {
          for (const part of verifiedParts(db, file)) appendFileSync(temporary, part);
          renameSync(temporary, target);
        } finally {
          rmSync(temporary, { force: true });
        }
      }
      db.exec('DROP TABLE vigil_backup_chunks; DROP TABLE vigil_backup_files; DROP TABLE vigil_backup_meta;');
      // The copied files' pages are free now; without this the store would keep their size.
      db.exec('VACUUM');
    } finally {
      db.close();
    }
    if (options.displacedAs && existsSync(storePath)) {
      copyFileSync(storePath, options.displacedAs);
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(`${storePath}${suffix}`))
          copyFileSync(`${storePath}${suffix}`, `${options.displacedAs}${suffix}`);
      }
    }
    // A log left beside the store would be replayed into the restored file: it belongs to the old one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${storePath}${suffix}`, { force: true });
    renameSync(incoming, storePath);
    return { files };
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }
}

/** Half-written backups from a process that died while writing one. */
export function removeUnfinishedBackups(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.endsWith('.partial')) rmSync(join(dir, name), { force: true });
}
