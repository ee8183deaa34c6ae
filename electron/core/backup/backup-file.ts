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
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '@shared/domain/backup';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { STORE_FILE } from '../db/client';

/** Folders of the data folder whose files the store refers to by hash; logs and temp files stay out. */
export const BACKED_UP_FOLDERS = ['evidence', 'signoff', 'branding', 'loadtests'] as const;
/** The installation's signing key stays out on purpose: it is this laptop's identity, not engagement data. */

const FORMAT = 'vigil-backup';
const FORMAT_VERSION = 1;
const MIGRATIONS_TABLE = '__drizzle_migrations';
/** Files are copied in batches of about this many bytes, yielding to the event loop between them. */
const BATCH_BYTES = 32 * 1024 * 1024;

export type BackupFacts = { createdAt: string; reason: BackupReason; appVersion: string; schemaVersion: number };

const metaSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
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
      // Half-written files (`*.partial`, `*.tmp`) are not yet part of the store.
      else if (entry.isFile() && !/\.(partial|tmp)$/.test(entry.name)) found.push(path);
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

/** Where a stored path goes on restore, or null when it would land outside the folders we back up. */
export function restoreTarget(dataDir: string, path: string): string | null {
  const parts = path.split('/');
  if (!(BACKED_UP_FOLDERS as readonly string[]).includes(parts[0] ?? '')) return null;
  if (parts.length < 2 || parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\')))
    return null;
  const target = resolve(dataDir, ...parts);
  return target.startsWith(resolve(dataDir, parts[0] ?? '') + sep) ? target : null;
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
      copy.exec(`CREATE TABLE vigil_backup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE vigil_backup_files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL);`);
      const insertFile = copy.prepare('INSERT INTO vigil_backup_files (path, sha256, size, data) VALUES (?, ?, ?, ?)');
      const files = filesUnder(dataDir);
      let batch: { path: string; data: Buffer }[] = [];
      let batchBytes = 0;
      const flush = copy.transaction((rows: { path: string; data: Buffer }[]) => {
        for (const row of rows)
          insertFile.run(row.path, createHash('sha256').update(row.data).digest('hex'), row.data.byteLength, row.data);
      });
      let copied = 0;
      for (const file of files) {
        let data: Buffer;
        try {
          data = readFileSync(file);
        } catch {
          // Removed since it was listed (an emptied trash): the copied store no longer points at it either.
          continue;
        }
        batch.push({ path: storedPath(dataDir, file), data });
        batchBytes += data.byteLength;
        copied += 1;
        if (batchBytes >= BATCH_BYTES) {
          flush(batch);
          batch = [];
          batchBytes = 0;
          await yieldToEventLoop();
        }
      }
      flush(batch);
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

function readMeta(db: Database.Database): z.infer<typeof metaSchema> | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vigil_backup_meta'").get();
  if (!table) return null;
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

/**
 * What a backup file holds and whether it can be restored. `deep` runs SQLite's full
 * integrity_check and re-hashes every stored file (for a restore); without it only the header
 * facts and the schema version are read (for a list).
 */
export function inspectBackupFile(
  path: string,
  knownMigrationHashes: ReadonlySet<string>,
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
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch (error) {
    return damaged(`it cannot be opened (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
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
    const applied = db.prepare(`SELECT hash FROM ${MIGRATIONS_TABLE}`).all() as { hash: string }[];
    const newer = applied.filter((row) => !knownMigrationHashes.has(row.hash)).length;
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
      let counted = 0;
      for (const row of db.prepare('SELECT path, sha256, size, data FROM vigil_backup_files').iterate() as Iterable<{
        path: string;
        sha256: string;
        size: number;
        data: Buffer;
      }>) {
        counted += 1;
        const hash = createHash('sha256').update(row.data).digest('hex');
        if (hash !== row.sha256 || row.data.byteLength !== row.size)
          return { ...facts, status: 'damaged', problem: `the stored file ${row.path} does not match its checksum` };
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
 * Puts a checked backup in place of the store: its files are written where missing (they are
 * named by their hash, so one already there is the same file), then the database is swapped in
 * with a rename. The store must be closed. The file it replaces is moved to `displacedAs` when
 * given (a damaged store kept for a specialist), else removed (a running app backed it up first).
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
      for (const row of db.prepare('SELECT path, data FROM vigil_backup_files').iterate() as Iterable<{
        path: string;
        data: Buffer;
      }>) {
        const target = restoreTarget(dataDir, row.path);
        if (!target) throw new Error(`The backup names a file outside the data folder: ${row.path}`);
        files += 1;
        if (existsSync(target) && statSync(target).size === row.data.byteLength) continue;
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(`${target}.tmp`, row.data);
        renameSync(`${target}.tmp`, target);
      }
      db.exec('DROP TABLE vigil_backup_files; DROP TABLE vigil_backup_meta;');
      // The copied files' pages are free now; without this the store would keep their size.
      db.exec('VACUUM');
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm', '-journal']) {
      const sidecar = `${storePath}${suffix}`;
      if (!existsSync(sidecar)) continue;
      if (options.displacedAs) renameSync(sidecar, `${options.displacedAs}${suffix}`);
      else rmSync(sidecar, { force: true });
    }
    if (options.displacedAs && existsSync(storePath)) renameSync(storePath, options.displacedAs);
    renameSync(incoming, storePath);
    return { files };
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }
}
