import { z } from 'zod';

/**
 * Why a backup was taken. `quit` and `daily` are the rolling ones, pruned to the number the
 * consultant keeps; the safety copies taken before a restore or a bundle's import (replacing or not)
 * are pruned the same way, separately, so a run of restores never pushes out the daily ones.
 */
export const BACKUP_REASONS = [
  'daily',
  'quit',
  'manual',
  'before-restore',
  'before-replace',
  'before-import',
  'imported',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
export const ROLLING_BACKUP_REASONS: readonly BackupReason[] = ['daily', 'quit'];
export const SAFETY_BACKUP_REASONS: readonly BackupReason[] = ['before-restore', 'before-replace', 'before-import'];

export const BACKUP_FILE_EXTENSION = '.vigilbackup';
export const DEFAULT_BACKUPS_KEPT = 10;
export const MAX_BACKUPS_KEPT = 100;

/** What a backup file says about itself, read without trusting it (see `checkBackupFile`). */
export const backupInfoSchema = z.object({
  fileName: z.string(),
  bytes: z.number().int(),
  /** `ok`: passed its checks when listed; `damaged` or `newer`: cannot be restored, `problem` says why. */
  status: z.enum(['ok', 'damaged', 'newer']),
  problem: z.string().optional(),
  createdAt: z.string().nullable(),
  reason: z.enum(BACKUP_REASONS).nullable(),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  engagements: z.number().int().nullable(),
  files: z.number().int().nullable(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

/** A backup's file name: sortable by time, its reason readable in a file manager. */
export function backupFileName(createdAt: string, reason: BackupReason): string {
  const stamp = createdAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `vigil-${stamp}-${reason}${BACKUP_FILE_EXTENSION}`;
}

/** Only names this build could have made are opened from the backups folder: no paths, no other files. */
export const BACKUP_FILE_NAME = /^vigil-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-([a-z-]+?)(-\d+)?\.vigilbackup$/;

/**
 * Why a backup in the folder is there, by its file name: a backup opened from elsewhere keeps the
 * reason it was made for inside, but here it is `imported`, so pruning never takes it.
 */
export function backupReasonOf(fileName: string): BackupReason | null {
  const reason = BACKUP_FILE_NAME.exec(fileName)?.[1];
  return BACKUP_REASONS.find((known) => known === reason) ?? null;
}
