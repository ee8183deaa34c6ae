/**
 * Engagement bundles (`.vigil`): export one engagement with its evidence, signed files and a
 * manifest to hand to a colleague or archive, optionally sealed with a passphrase; import one after
 * checking everything it holds, in one transaction. Export writes the bundle under
 * `<dataDir>/tmp/` and the window fetches it in parts (its download is the save dialog); import
 * receives the file in parts the same way (`bundle.uploadBegin`/`uploadChunk`), unpacks it into a
 * staging folder inside the data folder, and a refused bundle leaves the store and the data folder
 * as they were.
 */
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MethodInput, MethodOutput } from '@shared/contract';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MAX_BYTES,
  BUNDLE_UPLOAD_CHUNK_MAX_BYTES,
  type BundleInspection,
  type BundleManifest,
  type BundleSummary,
  bundleFileName,
  bundleManifestSchema,
  keptBothName,
} from '@shared/domain/bundle';
import type { Engagement } from '@shared/domain/engagement';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { decryptArchive, encryptArchive, isEncryptedArchive } from '../archive/envelope';
import { openVerifiedArchive } from '../archive/read';
import { writeArchive } from '../archive/write';
import type { CoreContext } from '../context';
import { openStore } from '../db/client';
import { failure, isFailure } from '../errors';
import {
  appendPart,
  beginUpload,
  cleanUploads,
  completeUpload,
  dropUpload,
  openUpload,
  type StagedUpload,
  stagingDir,
} from '../uploads';
import { createBackup } from './backups';
import {
  BUNDLED_TABLES,
  checkContentRows,
  checkEngagementRows,
  clashingIds,
  deleteEngagementRows,
  engagementFiles,
  insertBundleRows,
  parseTableRows,
  placeOfBundledFile,
  type Row,
  readEngagementRows,
  refused,
  type TableRows,
  tableOfDataFile,
  withNewIds,
} from './bundle-data';
import { readBackImported } from './bundle-read-back';
import { shippedCalendarIds } from './calendars';
import { getEngagement } from './engagements';

const UPLOAD_PREFIX = 'bundle-upload-';
const EXPORT_PREFIX = 'bundle-export-';
/** A bundle's parts reach the window 4 MiB at a time, read from disk as asked. */
export const BUNDLE_EXPORT_CHUNK_BYTES = 4 * 1024 * 1024;
const KEPT_FOR_MS = 30 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Export

type Exported = { path: string; fileName: string; bytes: number; timer: ReturnType<typeof setTimeout> };
const exported = new Map<string, Exported>();

function forgetExport(exportId: string): void {
  const file = exported.get(exportId);
  if (!file) return;
  clearTimeout(file.timer);
  exported.delete(exportId);
  rmSync(file.path, { force: true });
}

/** The migrations this store has applied, in order, by hash. */
function appliedMigrations(ctx: CoreContext): string[] {
  return ctx.store.sqlite.prepare('SELECT hash FROM __drizzle_migrations ORDER BY id').pluck().all() as string[];
}

export async function exportBundle(
  ctx: CoreContext,
  { engagementId, passphrase }: MethodInput<'bundle.export'>,
): Promise<MethodOutput<'bundle.export'>> {
  const engagement = getEngagement(ctx, engagementId);
  const rows = readEngagementRows(ctx.store.sqlite, engagementId);
  const files = engagementFiles(ctx.dataDir, rows);
  const createdAt = ctx.now();
  const tables = Object.fromEntries(BUNDLED_TABLES.map((table) => [table, rows.get(table)?.length ?? 0]));
  const manifestFields = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    schemaVersion: ctx.store.schemaVersion,
    migrations: appliedMigrations(ctx),
    appVersion: ctx.version,
    createdAt,
    engagement: { id: engagement.id, name: engagement.eventName, customer: engagement.customerOrg },
    tables,
  } satisfies Omit<BundleManifest, 'entries'>;
  cleanUploads(ctx, EXPORT_PREFIX);
  mkdirSync(stagingDir(ctx), { recursive: true });
  const exportId = ctx.newId();
  const path = join(stagingDir(ctx), `${EXPORT_PREFIX}${exportId}.vigil`);
  const plain = passphrase ? join(stagingDir(ctx), `${EXPORT_PREFIX}${exportId}.plain`) : path;
  const started = Date.now();
  try {
    await writeArchive(
      plain,
      [
        ...BUNDLED_TABLES.map((table) => ({
          name: `data/${table}.json`,
          data: Buffer.from(JSON.stringify(rows.get(table) ?? []), 'utf8'),
        })),
        ...files,
      ],
      manifestFields,
    );
    if (passphrase) await encryptArchive(plain, path, passphrase);
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  } finally {
    if (plain !== path) rmSync(plain, { force: true });
  }
  const bytes = statSync(path).size;
  const timer = setTimeout(() => forgetExport(exportId), KEPT_FOR_MS);
  // A bundle nobody fetches must not keep the process alive.
  timer.unref();
  const fileName = bundleFileName(engagement.eventName, createdAt);
  exported.set(exportId, { path, fileName, bytes, timer });
  ctx.log('info', 'bundle exported', {
    engagementId,
    files: files.length,
    bytes,
    encrypted: passphrase ? 'yes' : 'no',
    ms: Date.now() - started,
  });
  return {
    exportId,
    fileName,
    bytes,
    chunks: Math.max(1, Math.ceil(bytes / BUNDLE_EXPORT_CHUNK_BYTES)),
    encrypted: passphrase !== undefined,
    files: files.length,
  };
}

/** One part of an exported bundle; the file leaves the data folder once its last part is read. */
export function exportChunk(_ctx: CoreContext, { exportId, index }: MethodInput<'bundle.exportChunk'>) {
  const file = exported.get(exportId);
  if (!file) {
    throw failure('NOT_FOUND', 'This bundle is no longer available; export it again.', { field: 'exportId' });
  }
  const start = index * BUNDLE_EXPORT_CHUNK_BYTES;
  if (start >= Math.max(1, file.bytes))
    throw failure('INVALID_INPUT', `The bundle has no part ${index}.`, { field: 'index' });
  const length = Math.min(BUNDLE_EXPORT_CHUNK_BYTES, file.bytes - start);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file.path, 'r');
  try {
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, start + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  const last = start + length >= file.bytes;
  if (last) forgetExport(exportId);
  return { dataBase64: buffer.toString('base64'), last };
}

// ---------------------------------------------------------------------------------------------
// Upload

type Opened = { dir: string; manifest: BundleManifest; rows: TableRows; summary: BundleSummary };
/** Uploads checked by `bundle.inspect`, kept for `bundle.import` until it runs or is cancelled. */
const opened = new Map<string, Opened>();

function beginBundleUpload(ctx: CoreContext, fileName: string, bytes: number) {
  if (bytes > BUNDLE_MAX_BYTES) {
    throw failure('INVALID_INPUT', `${fileName} is larger than 8 GB, more than a bundle may hold.`, {
      field: 'bytes',
    });
  }
  const upload = beginUpload(ctx, { prefix: UPLOAD_PREFIX, fileName, bytes });
  upload.onDrop = () => {
    const staged = opened.get(upload.id);
    opened.delete(upload.id);
    if (staged) rmSync(staged.dir, { recursive: true, force: true });
  };
  return upload;
}

export function uploadBegin(ctx: CoreContext, input: MethodInput<'bundle.uploadBegin'>) {
  const upload = beginBundleUpload(ctx, input.fileName, input.bytes);
  return { uploadId: upload.id, chunkBytes: BUNDLE_UPLOAD_CHUNK_MAX_BYTES };
}

/**
 * A `.vigil` file the consultant opened from the desktop (a double-click, "Open with Vigil"): main
 * knows its path, the window does not. It is copied in as an upload and the window is told, which
 * opens the import dialog on it; from there it is checked and imported like a chosen file.
 */
export function openBundleFile(ctx: CoreContext, path: string): { uploadId: string; fileName: string } {
  const fileName = basename(path);
  const upload = beginBundleUpload(ctx, fileName, statSync(path).size);
  copyFileSync(path, upload.path);
  upload.received = upload.bytes;
  upload.nextIndex = 1;
  ctx.emit('bundle.opened', { uploadId: upload.id, fileName });
  return { uploadId: upload.id, fileName };
}

export function uploadChunk(_ctx: CoreContext, input: MethodInput<'bundle.uploadChunk'>) {
  return appendPart(openUpload(UPLOAD_PREFIX, input.uploadId), input, BUNDLE_UPLOAD_CHUNK_MAX_BYTES);
}

export function cancelUpload(_ctx: CoreContext, { uploadId }: MethodInput<'bundle.cancel'>) {
  try {
    dropUpload(openUpload(UPLOAD_PREFIX, uploadId));
    return { cancelled: true };
  } catch {
    return { cancelled: false };
  }
}

/** Removes every bundle upload, unpacked folder and unfetched export (on close). */
export function cleanBundleStaging(ctx: CoreContext): void {
  for (const id of [...exported.keys()]) forgetExport(id);
  sweepBundleStaging(ctx);
}

/**
 * Removes whatever bundle staging a previous run left in the data folder (at start-up, and on
 * close): uploads, unpacked folders and exports, and the half-written or decrypted temporary files
 * of a run that crashed mid-way, which hold an engagement's data in the clear.
 */
export function sweepBundleStaging(ctx: CoreContext): void {
  cleanUploads(ctx, UPLOAD_PREFIX, true);
  cleanUploads(ctx, EXPORT_PREFIX, true);
}

// ---------------------------------------------------------------------------------------------
// Checking

/** The archive layer names the file it read; the consultant knows it by the name they chose. */
function namedAfter(error: unknown, path: string, fileName: string): unknown {
  if (!isFailure(error)) return error;
  const label = basename(path);
  const appError = error.appError;
  appError.message = appError.message.split(label).join(fileName);
  if (appError.details?.[0] === label) appError.details = [fileName, ...appError.details.slice(1)];
  return error;
}

function parseManifest(raw: unknown): BundleManifest {
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== BUNDLE_FORMAT) {
    throw refused('notABundle', 'The file is a zip but not a Vigil engagement bundle.');
  }
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    throw refused(
      'newerFormat',
      'The bundle was made by a newer Vigil in a format this version cannot read. Update Vigil to import it.',
    );
  }
  const parsed = bundleManifestSchema.safeParse(raw);
  if (!parsed.success || parsed.data.formatVersion !== BUNDLE_FORMAT_VERSION) {
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    throw refused('badManifest', "The bundle's manifest is not one Vigil writes.", [
      issue ? `${issue.path.join('.')}: ${issue.message}` : 'formatVersion',
    ]);
  }
  return parsed.data;
}

/**
 * Whether the bundle's schema is this store's, an older one on the same path (upgraded on import),
 * or one this build does not know (newer: refused).
 */
function schemaOf(ctx: CoreContext, manifest: BundleManifest): 'current' | 'older' {
  const ours = readMigrationFiles({ migrationsFolder: ctx.migrationsDir }).map((m) => m.hash);
  const theirs = manifest.migrations;
  if (theirs.length !== manifest.schemaVersion) {
    throw refused('badManifest', "The bundle's manifest does not list every schema change it names.", [
      `schemaVersion ${manifest.schemaVersion}, ${theirs.length} migration(s)`,
    ]);
  }
  if (theirs.length > ours.length || theirs.some((hash) => !ours.includes(hash))) {
    throw refused(
      'newerSchema',
      `The bundle was exported by a newer version of Vigil (schema ${manifest.schemaVersion}; this version knows ${ours.length}). Update Vigil to import it.`,
      [`schema ${manifest.schemaVersion} > ${ours.length}`],
    );
  }
  if (theirs.some((hash, index) => ours[index] !== hash)) {
    throw refused('badManifest', "The bundle's schema changes are not in the order Vigil applies them.");
  }
  return theirs.length === ours.length ? 'current' : 'older';
}

/** Every data file parsed against the store's schema (`sqlite`), every other file checked by name and hash. */
function readStagedRows(
  sqlite: Parameters<typeof parseTableRows>[0],
  dataDir: string,
  dir: string,
  manifest: BundleManifest,
): TableRows {
  const rows: TableRows = new Map();
  for (const entry of manifest.entries) {
    const table = tableOfDataFile(entry.name);
    if (table !== null) {
      if (rows.has(table)) throw refused('badRows', `The bundle holds the rows of ${table} twice.`, [entry.name]);
      rows.set(table, parseTableRows(sqlite, table, readFileSync(join(dir, entry.name), 'utf8')));
      continue;
    }
    const place = placeOfBundledFile(dataDir, entry.name);
    if (!place) {
      throw refused('unexpectedFile', `The bundle holds "${entry.name}", which is not a file a bundle carries.`, [
        entry.name,
      ]);
    }
    // The archive checked the bytes against the manifest; the name must be their hash too.
    if (place.sha256 !== entry.sha256) {
      throw refused('fileHashMismatch', `"${entry.name}" does not hold the file its name says.`, [entry.name]);
    }
  }
  return rows;
}

/** A folder of migrations holding the first `count`, to build a store at that schema version. */
function firstMigrations(ctx: CoreContext, dir: string, count: number): string {
  const journalPath = join(ctx.migrationsDir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const entries = journal.entries.slice(0, count);
  mkdirSync(join(dir, 'meta'), { recursive: true });
  for (const entry of entries) {
    copyFileSync(join(ctx.migrationsDir, `${entry.tag}.sql`), join(dir, `${entry.tag}.sql`));
  }
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

/**
 * Rows of an older schema brought up to date: checked against a scratch store at the bundle's
 * version, written into it, the remaining migrations applied, and read back.
 */
function upgradedRows(ctx: CoreContext, staged: string, manifest: BundleManifest): TableRows {
  const scratch = join(staged, '.upgrade');
  try {
    const old = openStore(
      join(scratch, 'db'),
      firstMigrations(ctx, join(scratch, 'migrations'), manifest.schemaVersion),
      {
        nativeBinding: ctx.nativeBinding,
      },
    );
    try {
      const rows = readStagedRows(old.sqlite, ctx.dataDir, staged, manifest);
      checkEngagementRows(rows, manifest.engagement.id);
      old.sqlite.transaction(() => insertBundleRows(old.sqlite, rows))();
    } finally {
      old.close();
    }
    const current = openStore(join(scratch, 'db'), ctx.migrationsDir, { nativeBinding: ctx.nativeBinding });
    try {
      const rows: TableRows = new Map();
      for (const table of BUNDLED_TABLES) {
        rows.set(table, current.sqlite.prepare<[], Row>(`SELECT * FROM "${table}" ORDER BY rowid`).all());
      }
      return rows;
    } finally {
      current.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function summaryOf(upload: StagedUpload, encrypted: boolean, manifest: BundleManifest, rows: TableRows): BundleSummary {
  // The names the rows hold, not the manifest's: what the consultant confirms is what gets written.
  const engagement = rows.get('engagements')?.[0];
  return {
    fileName: upload.fileName,
    bytes: upload.bytes,
    encrypted,
    engagementId: manifest.engagement.id,
    eventName: String(engagement?.event_name ?? ''),
    customerOrg: String(engagement?.customer_org ?? ''),
    createdAt: manifest.createdAt,
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    rows: [...rows.values()].reduce((n, r) => n + r.length, 0),
    files: manifest.entries.filter((e) => tableOfDataFile(e.name) === null).length,
    contentBytes: manifest.entries.reduce((n, e) => n + e.size, 0),
  };
}

function existingEngagement(ctx: CoreContext, id: string) {
  const row = ctx.store.sqlite
    .prepare<[string], { id: string; eventName: string; customerOrg: string; updatedAt: string }>(
      'SELECT id, event_name AS eventName, customer_org AS customerOrg, updated_at AS updatedAt FROM engagements WHERE id = ?',
    )
    .get(id);
  return row ?? null;
}

/** Decrypts (when sealed), unpacks and checks the upload; a refusal leaves nothing of it behind. */
function isLiveUpload(uploadId: string): boolean {
  try {
    openUpload(UPLOAD_PREFIX, uploadId);
    return true;
  } catch {
    return false;
  }
}

async function openUploaded(ctx: CoreContext, upload: StagedUpload, passphrase: string | undefined) {
  const known = opened.get(upload.id);
  if (known) return known;
  const encrypted = isEncryptedArchive(upload.path);
  if (encrypted && !passphrase) return null;
  const zipPath = encrypted ? join(stagingDir(ctx), `${UPLOAD_PREFIX}${upload.id}.zip`) : upload.path;
  const dir = join(stagingDir(ctx), `${UPLOAD_PREFIX}${upload.id}.d`);
  // Cancelled (the dialog closed) while the file was being decrypted or checked: stop, keep nothing.
  const cancelled = () => !isLiveUpload(upload.id);
  try {
    if (encrypted && passphrase) await decryptArchive(upload.path, zipPath, passphrase);
    const { manifest: raw, dir: staged } = await openVerifiedArchive(zipPath, dir, {}, { cancelled });
    try {
      const manifest = parseManifest(raw);
      const rows =
        schemaOf(ctx, manifest) === 'current'
          ? readStagedRows(ctx.store.sqlite, ctx.dataDir, staged, manifest)
          : upgradedRows(ctx, staged, manifest);
      checkEngagementRows(rows, manifest.engagement.id);
      const checked = checkContentRows(ctx.store.sqlite, rows, {
        dataDir: ctx.dataDir,
        dir: staged,
        fileNames: manifest.entries.map((e) => e.name).filter((name) => tableOfDataFile(name) === null),
        shippedCalendarIds: shippedCalendarIds(ctx),
      });
      const result: Opened = {
        dir: staged,
        manifest,
        rows: checked,
        summary: summaryOf(upload, encrypted, manifest, checked),
      };
      if (cancelled()) throw failure('CANCELLED', `Checking ${upload.fileName} was stopped; nothing was kept.`);
      opened.set(upload.id, result);
      return result;
    } catch (error) {
      rmSync(staged, { recursive: true, force: true });
      throw error;
    }
  } catch (error) {
    // Whatever failed after a cancel (the upload's file is gone with it) is the cancel.
    if (cancelled()) throw failure('CANCELLED', `Checking ${upload.fileName} was stopped; nothing was kept.`);
    const wrongPassphrase = isFailure(error) && error.appError.messageKey === 'bundle.refused.wrongPassphrase';
    // The same file may be tried again with another passphrase; any other refusal ends the upload.
    if (!wrongPassphrase) dropUpload(upload);
    throw namedAfter(namedAfter(error, zipPath, upload.fileName), upload.path, upload.fileName);
  } finally {
    if (zipPath !== upload.path) rmSync(zipPath, { force: true });
  }
}

export async function inspectBundle(ctx: CoreContext, input: MethodInput<'bundle.inspect'>): Promise<BundleInspection> {
  const upload = completeUpload(UPLOAD_PREFIX, input.uploadId);
  const result = await openUploaded(ctx, upload, input.passphrase);
  if (!result) return { state: 'needsPassphrase', fileName: upload.fileName, bytes: upload.bytes };
  return { state: 'ready', summary: result.summary, existing: existingEngagement(ctx, result.manifest.engagement.id) };
}

// ---------------------------------------------------------------------------------------------
// Import

/** Moves the bundle's files into the data folder; returns those it placed (absent before). */
function placeFiles(ctx: CoreContext, staged: Opened): string[] {
  const placed: string[] = [];
  try {
    for (const entry of staged.manifest.entries) {
      const place = placeOfBundledFile(ctx.dataDir, entry.name);
      if (!place) continue;
      try {
        statSync(place.path);
        continue; // The same content is there already.
      } catch {
        // Absent: move it in.
      }
      mkdirSync(dirname(place.path), { recursive: true });
      renameSync(join(staged.dir, entry.name), place.path);
      placed.push(place.path);
    }
    return placed;
  } catch (error) {
    for (const path of placed) rmSync(path, { force: true });
    throw error;
  }
}

/** A constraint the store enforced, as the refusal it stands for; null for any other error. */
function constraintRefusal(error: unknown): Error | null {
  if (!(error instanceof Database.SqliteError) || !error.code.startsWith('SQLITE_CONSTRAINT')) return null;
  if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return refused('idClash', 'The bundle holds rows whose ids another engagement here already uses.', [error.message]);
  }
  return refused(
    'badReference',
    'The bundle holds records missing a required value or pointing at records it does not hold.',
    [error.message],
  );
}

export async function importBundle(
  ctx: CoreContext,
  input: MethodInput<'bundle.import'>,
): Promise<MethodOutput<'bundle.import'>> {
  const upload = completeUpload(UPLOAD_PREFIX, input.uploadId);
  const staged = await openUploaded(ctx, upload, input.passphrase);
  if (!staged) {
    throw failure('INVALID_INPUT', `${upload.fileName} is protected by a passphrase; enter it to import.`, {
      field: 'passphrase',
      messageKey: 'bundle.refused.needsPassphrase',
    });
  }
  const bundledId = staged.manifest.engagement.id;
  const existing = existingEngagement(ctx, bundledId);
  if (existing && !input.onExisting) {
    throw failure(
      'CONFLICT',
      `The engagement "${existing.eventName}" is already here; choose to keep both or to replace it.`,
      { field: 'onExisting', messageKey: 'bundle.exists' },
    );
  }
  const mode = existing ? (input.onExisting ?? 'keep-both') : 'new';
  let rows = staged.rows;
  let engagementId = bundledId;
  if (mode === 'keep-both') {
    const language = String(rows.get('engagements')?.[0]?.language ?? 'en');
    const name = keptBothName(staged.summary.eventName, language);
    ({ rows, engagementId } = withNewIds(rows, bundledId, name));
    // The copy's new name is an edit made here and now: a sync peer must see who made it.
    const [copy, ...rest] = rows.get('engagements') ?? [];
    if (copy) {
      rows.set('engagements', [
        { ...copy, updated_at: ctx.now(), updated_by: ctx.actor(), device_id: ctx.deviceId },
        ...rest,
      ]);
    }
  }
  if (mode !== 'keep-both') {
    const clashes = clashingIds(ctx.store.sqlite, rows, bundledId);
    if (clashes.length > 0) {
      dropUpload(upload);
      throw refused('idClash', 'The bundle holds rows whose ids another engagement here already uses.', clashes);
    }
  }
  // Every import can go wrong in ways no check foresaw: the store as it was is kept first.
  const backup = await createBackup(ctx, mode === 'replace' ? 'before-replace' : 'before-import');
  // Files first: an extra content-addressed file harms nothing, a row without its file would.
  const placed = placeFiles(ctx, staged);
  try {
    const sqlite = ctx.store.sqlite;
    sqlite.transaction(() => {
      if (mode === 'replace') deleteEngagementRows(sqlite, bundledId);
      insertBundleRows(sqlite, rows);
      readBackImported(ctx, engagementId);
    })();
  } catch (error) {
    for (const path of placed) rmSync(path, { force: true });
    // The files were moved out of the unpacked folder: a retry must begin from the file again.
    dropUpload(upload);
    throw constraintRefusal(error) ?? error;
  }
  dropUpload(upload);
  ctx.emit('engagement.changed', { id: engagementId });
  ctx.log('info', 'bundle imported', {
    engagementId,
    mode,
    rows: staged.summary.rows,
    files: staged.summary.files,
    placed: placed.length,
  });
  const engagement: Engagement = getEngagement(ctx, engagementId);
  return { engagement, mode, backup: backup?.fileName ?? null };
}
