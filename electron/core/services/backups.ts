/**
 * Backups of the whole store with its files: rolling ones (daily and on quit, the newest N kept),
 * manual ones the consultant saves where they choose, and the safety copies taken before a
 * restore or a bundle replacing an engagement. Restoring checks the backup first and keeps the
 * current store as a backup, so a restore can itself be undone.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_FILE_NAME,
  type BackupInfo,
  type BackupReason,
  backupFileName,
  backupReasonOf,
  ROLLING_BACKUP_REASONS,
  SAFETY_BACKUP_REASONS,
} from '@shared/domain/backup';
import { inspectBackupFile, installBackupFile, removeUnfinishedBackups, writeBackupFile } from '../backup/backup-file';
import type { CoreContext } from '../context';
import { openStore } from '../db/client';
import { failure } from '../errors';
import { appendPart, beginUpload, completeUpload, dropUpload, openUpload, releaseUpload } from '../uploads';
import { getSettings } from './settings';

export const BACKUPS_FOLDER = 'backups';
/** A manual backup reaches the window in parts of this size, read from disk as asked. */
export const BACKUP_CHUNK_BYTES = 4 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

export const backupsDir = (ctx: Pick<CoreContext, 'dataDir'>) => join(ctx.dataDir, BACKUPS_FOLDER);

/** Only one backup or restore at a time: two would copy the store while the other swaps it. */
let running: Promise<unknown> | null = null;

async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  while (running) await running.catch(() => undefined);
  const job = work();
  running = job;
  try {
    return await job;
  } finally {
    if (running === job) {
      running = null;
      removeHeldFiles();
    }
  }
}

/** Stored files removed while a backup was copying them: the copy's rows still name them. */
const heldDeletions = new Map<string, CoreContext>();

function removeFile(ctx: CoreContext, path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (error) {
    // The database no longer points at it: an orphan file costs space, not correctness.
    ctx.log('warn', 'could not delete a stored file', { path, error: String(error) });
  }
}

function removeHeldFiles(): void {
  for (const [path, ctx] of heldDeletions) removeFile(ctx, path);
  heldDeletions.clear();
}

/**
 * Removes files the store no longer names (evidence, a logo). While a backup runs they wait for it
 * to finish: its copy of the store was taken first and still names them, so it must get them too.
 */
export function removeStoredFiles(ctx: CoreContext, paths: readonly string[]): void {
  for (const path of paths) {
    if (running) heldDeletions.set(path, ctx);
    else removeFile(ctx, path);
  }
}

function uniquePath(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return join(dir, name);
  const base = name.replace(/\.vigilbackup$/, '');
  for (let n = 2; ; n += 1) {
    const candidate = join(dir, `${base}-${n}.vigilbackup`);
    if (!existsSync(candidate)) return candidate;
  }
}

function backupPathOf(ctx: CoreContext, fileName: string): string {
  if (!BACKUP_FILE_NAME.test(fileName)) {
    throw failure('INVALID_INPUT', `"${fileName}" is not the name of a Vigil backup.`, {
      field: 'fileName',
      messageKey: 'backup.error.badName',
    });
  }
  const path = join(backupsDir(ctx), fileName);
  if (!existsSync(path)) {
    throw failure('NOT_FOUND', `The backup ${fileName} is no longer in the backups folder.`, {
      field: 'fileName',
      messageKey: 'backup.error.missing',
    });
  }
  return path;
}

/** Every backup in the folder, newest first, with what each says about itself (cheap checks only). */
export function listBackups(ctx: CoreContext): BackupInfo[] {
  const dir = backupsDir(ctx);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_FILE_NAME.test(name))
    .map((name) => ({
      ...inspectBackupFile(join(dir, name), ctx.migrationsDir, { deep: false, nativeBinding: ctx.nativeBinding }),
      reason: backupReasonOf(name),
    }))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.fileName.localeCompare(a.fileName));
}

/**
 * Keeps the newest `kept` backups of the group `reason` belongs to (rolling: daily and on quit;
 * safety copies: before a restore or a replacement). Manual and imported backups are the
 * consultant's; `except` (the backup being restored) is never removed.
 */
export function pruneBackups(ctx: CoreContext, reason: BackupReason, except?: string): string[] {
  const group = [ROLLING_BACKUP_REASONS, SAFETY_BACKUP_REASONS].find((reasons) => reasons.includes(reason));
  if (!group) return [];
  const kept = getSettings(ctx).backupsKept;
  const removed: string[] = [];
  const inGroup = listBackups(ctx).filter((b) => b.reason !== null && group.includes(b.reason));
  for (const backup of inGroup.slice(kept)) {
    if (backup.fileName === except) continue;
    rmSync(join(backupsDir(ctx), backup.fileName), { force: true });
    removed.push(backup.fileName);
  }
  return removed;
}

/** Takes a backup now into the backups folder; returns what was written. */
export function createBackup(ctx: CoreContext, reason: BackupReason): Promise<BackupInfo> {
  return exclusively(() => writeBackup(ctx, reason));
}

async function writeBackup(ctx: CoreContext, reason: BackupReason, keep?: string): Promise<BackupInfo> {
  const createdAt = ctx.now();
  const path = uniquePath(backupsDir(ctx), backupFileName(createdAt, reason));
  const started = Date.now();
  await writeBackupFile(
    ctx.store.sqlite,
    ctx.dataDir,
    path,
    { createdAt, reason, appVersion: ctx.version, schemaVersion: ctx.store.schemaVersion },
    ctx.nativeBinding,
  );
  const info = inspectBackupFile(path, ctx.migrationsDir, {
    deep: false,
    nativeBinding: ctx.nativeBinding,
  });
  ctx.log('info', 'backup written', { file: info.fileName, bytes: info.bytes, ms: Date.now() - started });
  pruneBackups(ctx, reason, keep);
  return { ...info, reason };
}

/** A part of a backup file for the window to save where the consultant chooses. */
export function readBackupChunk(ctx: CoreContext, input: { fileName: string; index: number }) {
  const path = backupPathOf(ctx, input.fileName);
  const size = statSync(path).size;
  const start = input.index * BACKUP_CHUNK_BYTES;
  if (start >= Math.max(1, size)) {
    throw failure('INVALID_INPUT', `The backup has no part ${input.index}.`, { field: 'index' });
  }
  const length = Math.min(BACKUP_CHUNK_BYTES, size - start);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, start);
  } finally {
    closeSync(fd);
  }
  return { dataBase64: buffer.toString('base64'), last: start + length >= size };
}

export function checkBackup(ctx: CoreContext, input: { fileName: string }): BackupInfo {
  return inspectBackupFile(backupPathOf(ctx, input.fileName), ctx.migrationsDir, {
    deep: true,
    nativeBinding: ctx.nativeBinding,
  });
}

const UPLOAD_PREFIX = 'backup-upload-';
/** A backup file from elsewhere (a USB stick, a colleague) arrives in parts of at most this size. */
export const BACKUP_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export function uploadBackupBegin(ctx: CoreContext, input: { fileName: string; bytes: number }) {
  const upload = beginUpload(ctx, { prefix: UPLOAD_PREFIX, fileName: input.fileName, bytes: input.bytes });
  return { uploadId: upload.id, chunkBytes: BACKUP_UPLOAD_CHUNK_BYTES };
}

export function uploadBackupChunk(_ctx: CoreContext, input: { uploadId: string; index: number; dataBase64: string }) {
  return appendPart(openUpload(UPLOAD_PREFIX, input.uploadId), input, BACKUP_UPLOAD_CHUNK_BYTES);
}

/**
 * Puts a backup file the consultant chose into the backups folder after the full check a restore
 * runs, so it is listed and can be restored like any other. A file that fails is refused naming
 * it and why, and nothing is kept.
 */
export function addBackupFile(ctx: CoreContext, input: { uploadId: string }): BackupInfo {
  const upload = completeUpload(UPLOAD_PREFIX, input.uploadId);
  const checked = inspectBackupFile(upload.path, ctx.migrationsDir, {
    deep: true,
    nativeBinding: ctx.nativeBinding,
  });
  const name = checked.createdAt ? backupFileName(checked.createdAt, 'imported') : '';
  if (checked.status !== 'ok' || !BACKUP_FILE_NAME.test(name)) {
    dropUpload(upload);
    throw failure(
      'INVALID_INPUT',
      `${upload.fileName} cannot be used as a backup: ${checked.problem ?? 'it is incomplete'}.`,
      {
        field: 'file',
        messageKey: checked.status === 'newer' ? 'backup.error.newer' : 'backup.error.notABackup',
        details: [upload.fileName, ...(checked.problem ? [checked.problem] : [])],
      },
    );
  }
  mkdirSync(backupsDir(ctx), { recursive: true });
  // Named `imported` whatever it was made for: pruning and the daily schedule leave it alone.
  const path = uniquePath(backupsDir(ctx), name);
  renameSync(upload.path, path);
  releaseUpload(upload);
  ctx.log('info', 'backup file added', { from: upload.fileName, as: path });
  return {
    ...inspectBackupFile(path, ctx.migrationsDir, { deep: false, nativeBinding: ctx.nativeBinding }),
    reason: 'imported',
  };
}

export function removeBackup(ctx: CoreContext, input: { fileName: string }) {
  rmSync(backupPathOf(ctx, input.fileName), { force: true });
  return { removed: input.fileName };
}

/**
 * Replaces the store with a backup after checking it in full. The current store is backed up
 * first (reason `before-restore`), so the consultant can go back. The store is reopened in place:
 * every later call sees the restored data, migrated to this version if the backup is older.
 */
export function restoreBackup(
  ctx: CoreContext,
  input: { fileName: string },
): Promise<{
  restored: BackupInfo;
  safetyBackup: BackupInfo;
}> {
  return exclusively(async () => {
    const path = backupPathOf(ctx, input.fileName);
    const checked = inspectBackupFile(path, ctx.migrationsDir, { deep: true, nativeBinding: ctx.nativeBinding });
    if (checked.status !== 'ok') {
      throw failure('INVALID_INPUT', `The backup ${input.fileName} cannot be restored: ${checked.problem}.`, {
        field: 'fileName',
        messageKey: checked.status === 'newer' ? 'backup.error.newer' : 'backup.error.damaged',
        details: checked.problem ? [checked.problem] : undefined,
      });
    }
    // From here every other call is refused until the restored store is open: a write made while
    // the safety copy is taken would be in neither the safety copy nor the restored store.
    ctx.maintenance = 'restore';
    try {
      const safetyBackup = await writeBackup(ctx, 'before-restore', input.fileName);
      swapStore(ctx, path, join(backupsDir(ctx), safetyBackup.fileName));
      ctx.log('info', 'backup restored', { file: input.fileName, safetyBackup: safetyBackup.fileName });
      return { restored: { ...checked, reason: backupReasonOf(input.fileName) }, safetyBackup };
    } finally {
      ctx.maintenance = null;
    }
  });
}

/**
 * Closes the store, installs the backup and opens the result. When that fails the safety copy is
 * installed instead, so the app never goes on without a store, and the failure is reported.
 */
function swapStore(ctx: CoreContext, backupPath: string, safetyPath: string): void {
  const deviceId = ctx.deviceId;
  const reopen = () => {
    ctx.store = openStore(ctx.dataDir, ctx.migrationsDir, { nativeBinding: ctx.nativeBinding });
    // The restored rows may come from another laptop; this one keeps its own device id.
    ctx.store.sqlite.prepare("UPDATE settings SET value = ? WHERE key = 'deviceId'").run(JSON.stringify(deviceId));
  };
  ctx.store.close();
  try {
    installBackupFile(ctx.dataDir, backupPath, { nativeBinding: ctx.nativeBinding });
    reopen();
  } catch (error) {
    ctx.log('error', 'restore failed; putting the data back as it was', {
      error: error instanceof Error ? error.message : String(error),
    });
    installBackupFile(ctx.dataDir, safetyPath, { nativeBinding: ctx.nativeBinding });
    reopen();
    throw failure('INTERNAL', 'The backup could not be put in place; your data is as it was before the restore.', {
      messageKey: 'backup.error.restoreFailed',
    });
  }
}

/** The newest automatic backup's time, or null; what the daily backup compares against. */
function newestRollingBackupAt(ctx: CoreContext): number | null {
  const newest = listBackups(ctx).find(
    (b) => b.status === 'ok' && b.reason !== null && ROLLING_BACKUP_REASONS.includes(b.reason),
  );
  // A clock set wrong once must not stop daily backups for good: a time ahead of now counts as old.
  const at = newest?.createdAt ? Date.parse(newest.createdAt) : null;
  return at !== null && at <= Date.parse(ctx.now()) ? at : null;
}

/** Takes the daily backup when the newest rolling one is a day old (or there is none). */
export async function backUpIfDue(ctx: CoreContext): Promise<BackupInfo | null> {
  const last = newestRollingBackupAt(ctx);
  if (last !== null && Date.parse(ctx.now()) - last < DAY_MS) return null;
  return createBackup(ctx, 'daily');
}

/** Checks hourly whether the daily backup is due; the timer never keeps the process alive. */
export function scheduleDailyBackups(ctx: CoreContext, firstCheckAfterMs = 60_000): () => void {
  // Nothing is being written yet: any `.partial` left is from a process that died mid-backup.
  removeUnfinishedBackups(backupsDir(ctx));
  const check = () => {
    backUpIfDue(ctx).catch((error: unknown) =>
      ctx.log('error', 'daily backup failed', { error: error instanceof Error ? error.message : String(error) }),
    );
  };
  const first = setTimeout(check, firstCheckAfterMs);
  const hourly = setInterval(check, 60 * 60 * 1000);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}

/** Waits for a backup or restore in progress, so quitting never cuts one short. */
export async function backupsSettled(): Promise<void> {
  while (running) await running.catch(() => undefined);
}
