import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. `npm install` compiles the native module for
 * Node (tests and the browser harness use that one); Electron has its own ABI, so `npm start`
 * compiles a second copy here instead of rebuilding node_modules in place and breaking the tests.
 */
export function electronBindingPath(appPath: string, electronVersion: string): string {
  return join(appPath, 'out', 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
}
