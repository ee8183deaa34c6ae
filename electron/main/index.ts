/**
 * App lifecycle only: one instance, one window, the core behind one IPC channel. Everything the
 * consultant does is decided in the core and the renderer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, session, shell } from 'electron';
import { isFailure } from '../core/errors';
import { warmExportWorker } from '../core/export/worker-client';
import { type Core, resolveDataDir, startCore } from '../core/index';
import { createFileLogger } from '../core/log';
import { openBundleFile } from '../core/services/bundles';
import { mainProcessBinding } from '../native/binding';
import { offerSaveDialog } from './downloads';
import { registerIpc, sendEvent } from './ipc';
import { safeStorageProtection } from './key-protection';
import { installMenu } from './menu';
import { bundleOpenQueue, bundlePathsIn } from './open-bundle';
import { openCoreWithRecovery } from './recovery';
import { hardenContents, hardenSession } from './security';
import {
  recoveryDialogOptions,
  STARTUP_FAILURE_TITLE,
  startupFailureText,
  type UiLanguage,
  uiLanguageOf,
} from './strings';
import { createMainWindow, outDir, rendererUrl } from './window';

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function logStartupFailure(dataDir: string, error: unknown): void {
  try {
    const detail = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
    createFileLogger(dataDir)('error', 'startup failed', detail);
  } catch {
    // An unwritable data folder is itself the likely failure; the dialog still tells the consultant.
  }
}

/** After the window is up: the export worker loads its modules and fonts while nobody waits. */
const WARM_EXPORT_AFTER_MS = 3000;

/** `.vigil` files opened from the desktop, delivered once the window has loaded. */
const openedBundles = bundleOpenQueue((path) => {
  if (!core) return;
  try {
    openBundleFile(core.context, path);
  } catch (error) {
    core.context.log('error', 'an opened bundle could not be read', {
      path,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});

function openWindow(out: string, appUrl: string): void {
  mainWindow = createMainWindow(out, appUrl);
  mainWindow.webContents.once('did-finish-load', () => openedBundles.ready());
  setTimeout(() => void warmExportWorker(), WARM_EXPORT_AFTER_MS).unref();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function start(): void {
  const appPath = app.getAppPath();
  const out = outDir(appPath);
  const appUrl = rendererUrl(out, app.isPackaged);
  // Every renderer sandboxed, whatever options a future window is created with.
  app.enableSandbox();
  hardenContents(app, appUrl);
  app.on('second-instance', (_event, argv: string[]) => {
    focusWindow();
    openedBundles.add(bundlePathsIn(argv));
  });
  // macOS: a double-clicked bundle, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openedBundles.add([path]);
  });
  openedBundles.add(bundlePathsIn(process.argv));

  void app.whenReady().then(() => {
    const dataDir = resolveDataDir(app.getPath('userData'));
    // `npm start` compiles better-sqlite3 for Electron into out/native; a packaged app has it rebuilt in place.
    const nativeBinding = mainProcessBinding({
      appPath,
      electronVersion: process.versions.electron ?? '',
      isPackaged: app.isPackaged,
      exists: existsSync,
    });
    const migrationsDir = join(appPath, 'electron/core/db/migrations');
    try {
      core = openCoreWithRecovery(
        () =>
          startCore({
            dataDir,
            migrationsDir,
            resourcesDir: join(appPath, 'resources'),
            version: app.getVersion(),
            transport: 'electron',
            emit: (event, payload) => sendEvent(mainWindow, event, payload),
            nativeBinding,
            keyProtection: safeStorageProtection(),
            rollingBackups: true,
          }),
        {
          dataDir,
          migrationsDir,
          nativeBinding,
          now: () => new Date().toISOString(),
          ask: (offer, refusal) => dialog.showMessageBoxSync(recoveryDialogOptions(refusal, offer.backup)) === 0,
          log: (message, detail) => createFileLogger(dataDir)('warn', message, detail),
        },
      );
    } catch (error) {
      logStartupFailure(dataDir, error);
      dialog.showErrorBox(STARTUP_FAILURE_TITLE, startupFailureText(isFailure(error) ? error.appError : null, dataDir));
      app.exit(1);
      return;
    }

    hardenSession(session.defaultSession, appUrl);
    const showMenu = (language: UiLanguage) =>
      installMenu({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        language,
        sendCommand: (command) => sendEvent(mainWindow, 'menu.command', { command }),
        showLogs: () => void shell.openPath(join(dataDir, 'logs')),
      });
    const stored = core.router.invoke('settings.get', {});
    let menuLanguage: UiLanguage = stored.ok ? uiLanguageOf(stored.value) : 'en';
    // Exports and catalog/library downloads: the OS save dialog, with the file's name and type.
    offerSaveDialog(session.defaultSession, () => (menuLanguage === 'zh-CN' ? '保存' : 'Save'));
    registerIpc({
      router: core.router,
      appUrl,
      log: core.context.log,
      // The renderer switches language on its own; the native menu follows a saved change.
      onSettingsUpdated: ({ uiLanguage }) => {
        if (uiLanguage === menuLanguage) return;
        menuLanguage = uiLanguage;
        showMenu(uiLanguage);
      },
    });
    showMenu(menuLanguage);
    openWindow(out, appUrl);
    app.on('activate', () => {
      if (!mainWindow) openWindow(out, appUrl);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    // The on-quit backup is asynchronous: hold the quit until it is written, then leave.
    event.preventDefault();
    const closing = core;
    core = null;
    void closing.closeWithBackup().finally(() => app.exit(0));
  });
}

// A second copy would open the same SQLite store beside the first; hand over to the running one.
if (app.requestSingleInstanceLock()) start();
else app.quit();
