import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import { windowOptions } from './security';

/**
 * The built bundle's folder. Taken from the app root (as the migrations are) rather than from
 * `import.meta.dirname`, which would move if the bundler ever split main into chunks.
 */
export function outDir(appPath: string): string {
  return join(appPath, 'out');
}

/**
 * Where the renderer lives: the electron-vite dev server during `electron-vite dev` (never in a
 * packaged build, where an inherited environment variable must not redirect the window), else the
 * built index.html.
 */
export function rendererUrl(out: string, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string {
  const devServer = env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devServer) return devServer;
  return pathToFileURL(join(out, 'renderer/index.html')).href;
}

export function createMainWindow(out: string, appUrl: string): BrowserWindow {
  const options = windowOptions(join(out, 'preload/index.cjs'));
  // Electronegativity reads webPreferences only from an object literal at `new BrowserWindow(...)`
  // (or a variable initialised with one), so it cannot see what `windowOptions` returns and
  // reports the options missing. They are set (sandbox, contextIsolation, Auxclick disabled) and the unit tests assert
  // them on the window actually created, so those three checks are silenced on this line only.
  const window = new BrowserWindow(options); // eng-disable SANDBOX_JS_CHECK CONTEXT_ISOLATION_JS_CHECK AUXCLICK_JS_CHECK
  window.once('ready-to-show', () => window.show());
  if (appUrl.startsWith('file:')) void window.loadFile(fileURLToPath(appUrl));
  else void window.loadURL(appUrl);
  return window;
}
