/** `npm run web`: Vigil in a browser, for machines where Electron cannot run. */
import { resolve } from 'node:path';
import { newestGoodBackup, recoverFromBackup } from '../../electron/core/backup/recovery';
import { isFailure } from '../../electron/core/errors';
import { MIGRATIONS_DIR, startHarness } from './server';

const dataDir = resolve(process.env.VIGIL_DATA_DIR?.trim() || '.vigil-data');
const port = Number(process.env.VIGIL_PORT ?? 0);
// The Electron shell asks in a dialog; here the consultant answers by starting again with this set.
const restoreNewest = process.env.VIGIL_RESTORE_NEWEST_BACKUP === '1';

async function start() {
  try {
    return await startHarness({ dataDir, port, rollingBackups: true });
  } catch (error) {
    if (!isFailure(error) || error.appError.code !== 'STORE_DAMAGED') throw error;
    const offer = newestGoodBackup(dataDir, MIGRATIONS_DIR);
    if (!offer) throw error;
    if (!restoreNewest) {
      console.error(`Vigil could not start: ${error.message}`);
      console.error(
        `The newest good backup is from ${offer.backup.createdAt} (${offer.backup.engagements} engagement(s)). ` +
          'Start again with VIGIL_RESTORE_NEWEST_BACKUP=1 to restore it; the damaged file is kept beside it.',
      );
      process.exit(1);
    }
    const recovered = recoverFromBackup(dataDir, offer, new Date().toISOString());
    console.log(`Restored ${offer.backup.fileName}; the damaged file is kept as ${recovered.displacedAs}.`);
    return startHarness({ dataDir, port, rollingBackups: true });
  }
}

try {
  const harness = await start();
  console.log(`Vigil is running at ${harness.url}`);
  console.log(`Data folder: ${dataDir}  (set VIGIL_DATA_DIR to choose another)`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    harness.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const message = error instanceof Error && 'appError' in error ? error.message : String(error);
  console.error(`Vigil could not start: ${message}`);
  process.exit(1);
}
