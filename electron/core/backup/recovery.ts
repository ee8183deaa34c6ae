/**
 * Start-up with a damaged store: the newest backup that passes every check is offered, and
 * restoring it keeps the damaged file beside it for a specialist rather than deleting it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_FILE_NAME, type BackupInfo } from '@shared/domain/backup';
import { STORE_FILE } from '../db/client';
import { BACKUPS_FOLDER } from '../services/backups';
import { inspectBackupFile, installBackupFile } from './backup-file';

export type RecoveryOffer = { path: string; backup: BackupInfo; checked: number };

/**
 * The newest backup in the data folder's backups that passes the full check, or null. Backups
 * are tried newest first and the first good one wins; `checked` says how many were looked at.
 */
export function newestGoodBackup(dataDir: string, migrationsDir: string, nativeBinding?: string): RecoveryOffer | null {
  const dir = join(dataDir, BACKUPS_FOLDER);
  if (!existsSync(dir)) return null;
  const candidates = readdirSync(dir)
    .filter((name) => BACKUP_FILE_NAME.test(name))
    .map((name) => ({
      path: join(dir, name),
      info: inspectBackupFile(join(dir, name), migrationsDir, { deep: false, nativeBinding }),
    }))
    .filter((candidate) => candidate.info.status === 'ok')
    .sort((a, b) => (b.info.createdAt ?? '').localeCompare(a.info.createdAt ?? ''));
  let checked = 0;
  for (const candidate of candidates) {
    checked += 1;
    const deep = inspectBackupFile(candidate.path, migrationsDir, { deep: true, nativeBinding });
    if (deep.status === 'ok') return { path: candidate.path, backup: deep, checked };
  }
  return null;
}

/** Puts the offered backup in place; the damaged store is kept as `vigil-damaged-<time>.db`. */
export function recoverFromBackup(dataDir: string, offer: RecoveryOffer, nowIso: string, nativeBinding?: string) {
  const stamp = nowIso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const displacedAs = join(dataDir, `vigil-damaged-${stamp}.db`);
  const result = installBackupFile(dataDir, offer.path, { displacedAs, nativeBinding });
  return { ...result, displacedAs, storePath: join(dataDir, STORE_FILE) };
}
