import { userInfo } from 'node:os';
import type { EventName, EventPayload } from '@shared/contract';
import { v7 as uuidv7 } from 'uuid';
import type { CoreContext } from './context';
import { openStore } from './db/client';
import { createFileLogger, type Logger } from './log';
import { createRouter, type Router } from './router';
import { backupsSettled, createBackup, scheduleDailyBackups } from './services/backups';
import { cleanBundleStaging, sweepBundleStaging } from './services/bundles';
import { listCatalogs } from './services/catalogs';
import { ensureDeviceId, getSettings } from './services/settings';
import { cleanStaging } from './services/stress-tests';

export type CoreOptions = {
  dataDir: string;
  migrationsDir: string;
  /** Shipped data files (catalogs, calendars); resources/ of the app. */
  resourcesDir: string;
  version: string;
  transport: CoreContext['transport'];
  /** Where push events go (IPC to the window, or the harness's event stream). */
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log?: Logger;
  now?: () => string;
  /** better-sqlite3 compiled for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** The signing key's protection at rest (Electron safeStorage in the app). */
  keyProtection?: CoreContext['keyProtection'];
  /** Rolling backups: the daily one while running and one on `closeWithBackup`. Off in tests. */
  rollingBackups?: boolean;
};

export type Core = {
  router: Router;
  context: CoreContext;
  close: () => void;
  /** Quitting: waits for a backup in progress, takes the on-quit backup, then closes. */
  closeWithBackup: () => Promise<void>;
};

/** The data folder: the caller's choice (Electron's userData), overridden by VIGIL_DATA_DIR. */
export function resolveDataDir(defaultDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.VIGIL_DATA_DIR?.trim();
  return override ? override : defaultDir;
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Opens the store and wires services to the router. Plain Node: no Electron here. */
export function startCore(options: CoreOptions): Core {
  const log = options.log ?? createFileLogger(options.dataDir);
  const now = options.now ?? (() => new Date().toISOString());
  const store = openStore(options.dataDir, options.migrationsDir, { nativeBinding: options.nativeBinding });
  const fallbackActor = osUserName();
  let actorName = fallbackActor;
  const context: CoreContext = {
    store,
    dataDir: options.dataDir,
    migrationsDir: options.migrationsDir,
    nativeBinding: options.nativeBinding,
    resourcesDir: options.resourcesDir,
    version: options.version,
    transport: options.transport,
    deviceId: ensureDeviceId(store.sqlite, uuidv7, now()),
    actor: () => actorName,
    now,
    newId: uuidv7,
    emit: options.emit ?? (() => {}),
    log,
    keyProtection: options.keyProtection,
    maintenance: null,
  };
  try {
    // A broken shipped catalog is a broken install: refuse to start with the file and its problems.
    listCatalogs(context);
  } catch (error) {
    store.close();
    throw error;
  }
  const refreshActor = () => {
    actorName = getSettings(context).consultantName || fallbackActor;
  };
  refreshActor();
  // A run that crashed may have left a bundle's data (decrypted, too) in the staging folder.
  sweepBundleStaging(context);
  const router = createRouter(context);
  const stopDailyBackups = options.rollingBackups ? scheduleDailyBackups(context) : () => {};
  const close = () => {
    stopDailyBackups();
    // Uploads nobody finished do not outlive the process that was receiving them.
    cleanStaging(context, true);
    cleanBundleStaging(context);
    context.store.close();
  };
  return {
    router: {
      invoke(method, input) {
        const result = router.invoke(method, input);
        // The consultant's name is read once here rather than on every write.
        if (method === 'settings.update' && result.ok) refreshActor();
        return result;
      },
      invokeAsync: async (method, input) => {
        const result = await router.invokeAsync(method, input);
        // A restore brings back the consultant's name of that time, too.
        if ((method === 'settings.update' || method === 'backup.restore') && result.ok) refreshActor();
        return result;
      },
    },
    context,
    close,
    closeWithBackup: async () => {
      await backupsSettled();
      if (options.rollingBackups) {
        try {
          await createBackup(context, 'quit');
        } catch (error) {
          // A failed backup must not keep the app from quitting; the log says why.
          log('error', 'backup on quit failed', { error: error instanceof Error ? error.message : String(error) });
        }
      }
      close();
    },
  };
}
