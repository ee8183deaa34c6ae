import type { EventName, EventPayload } from '@shared/contract';
import type { Store } from './db/client';
import type { Logger } from './log';
import type { KeyProtection } from './signing/protection';

/** What every service function receives: the store and the facts of this installation. */
export type CoreContext = {
  /** Replaced in place when a backup is restored, so every service sees the restored data. */
  store: Store;
  dataDir: string;
  migrationsDir: string;
  /** better-sqlite3 built for Electron's ABI, for every database the core opens (backups too). */
  nativeBinding?: string;
  /** Shipped data files: catalogs/, calendars/, checklists/ … */
  resourcesDir: string;
  version: string;
  transport: 'electron' | 'harness';
  deviceId: string;
  /** The consultant to record in `updated_by`: the configured name, else the OS user. */
  actor: () => string;
  now: () => string;
  newId: () => string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: Logger;
  /** How the signing key is kept at rest; absent: a passphrase from VIGIL_SIGNING_PASSPHRASE. */
  keyProtection?: KeyProtection;
  /** Set while the store is being swapped (a restore): the router refuses every other call meanwhile. */
  maintenance: 'restore' | null;
};
