/** `npm run web`: Vigil in a browser, for machines where Electron cannot run. */
import { resolve } from 'node:path';
import { startHarness } from './server';

const dataDir = resolve(process.env.VIGIL_DATA_DIR?.trim() || '.vigil-data');
const port = Number(process.env.VIGIL_PORT ?? 0);

try {
  const harness = await startHarness({ dataDir, port, rollingBackups: true });
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
