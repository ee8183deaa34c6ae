import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. `npm install` compiles the native module for
 * Node (tests and the browser harness use that one); Electron has its own ABI, so `npm start`
 * compiles a second copy here instead of rebuilding node_modules in place and breaking the tests.
 */
export function electronBindingPath(appPath: string, electronVersion: string): string {
  return join(appPath, 'out', 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
}

/**
 * The binding the main process hands to better-sqlite3. Under `npm start`, the copy prepare.ts
 * compiled for Electron when it is there. In a packaged app none: electron-builder rebuilt
 * node_modules/better-sqlite3 itself for Electron (npmRebuild) and unpacked it beside app.asar, so
 * the module's own lookup finds the right one, and out/native is not shipped
 * (electron-builder.ts).
 */
export function mainProcessBinding(options: {
  appPath: string;
  electronVersion: string;
  isPackaged: boolean;
  exists: (path: string) => boolean;
}): string | undefined {
  if (options.isPackaged) return undefined;
  const path = electronBindingPath(options.appPath, options.electronVersion);
  return options.exists(path) ? path : undefined;
}
