/**
 * Start-up when the store is damaged: rather than a dead end, the newest backup that passes every
 * check is offered; if the consultant agrees it is put in place (the damaged file kept beside it)
 * and the core opened again. No Electron here, so it is tested on real files.
 */
import type { AppError } from '@shared/contract';
import { newestGoodBackup, type RecoveryOffer, recoverFromBackup } from '../core/backup/recovery';
import { isFailure } from '../core/errors';
import type { Core } from '../core/index';

export type RecoveryDeps = {
  dataDir: string;
  migrationsDir: string;
  nativeBinding?: string;
  now: () => string;
  /** Asks the consultant; true restores the offered backup. */
  ask: (offer: RecoveryOffer, refusal: AppError) => boolean;
  log: (message: string, detail: Record<string, unknown>) => void;
};

export function openCoreWithRecovery(open: () => Core, deps: RecoveryDeps): Core {
  try {
    return open();
  } catch (error) {
    if (!isFailure(error) || error.appError.code !== 'STORE_DAMAGED') throw error;
    const offer = newestGoodBackup(deps.dataDir, deps.migrationsDir, deps.nativeBinding);
    deps.log('store damaged at start-up', { problem: error.appError.message, offered: offer?.backup.fileName ?? null });
    if (!offer || !deps.ask(offer, error.appError)) throw error;
    const recovered = recoverFromBackup(deps.dataDir, offer, deps.now(), deps.nativeBinding);
    deps.log('backup restored at start-up', { backup: offer.backup.fileName, damagedKeptAs: recovered.displacedAs });
    return open();
  }
}
