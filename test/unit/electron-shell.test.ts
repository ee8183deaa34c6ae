/**
 * The Electron shell's security promises, checked without an Electron binary: `electron` is
 * replaced by recording doubles, and the shell's own functions run for real against them.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../../electron/core/errors';
import { registerIpc, UNTRUSTED_SENDER_RESULT } from '../../electron/main/ipc';
import { type MenuCommand, menuTemplate } from '../../electron/main/menu';
import {
  hardenContents,
  hardenSession,
  isTrustedSender,
  type LockableSession,
  windowOptions,
} from '../../electron/main/security';
import { recoveryDialogOptions } from '../../electron/main/strings';

type SenderEvent = { senderFrame: { url: string } | null };
type InvokeListener = (event: SenderEvent, method: unknown, input: unknown) => unknown;
type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const app = {
    isPackaged: true,
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    getPath: vi.fn((_name: string) => ''),
    getAppPath: vi.fn(() => '/app'),
    getVersion: vi.fn(() => '0.1.0'),
    getName: vi.fn(() => 'Vigil'),
    on(event: string, listener: Listener) {
      appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      return app;
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of appListeners.get(event) ?? []) listener(...args);
    },
  };
  return {
    app,
    appListeners,
    ipcHandlers: new Map<string, InvokeListener>(),
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Listener>(),
    windows: [] as Array<{ options: unknown; focus: () => void; loadFile: (path: string) => void }>,
    startCore: vi.fn(),
    showErrorBox: vi.fn(),
    permissionHandlers: [] as unknown[],
    setPermissionCheckHandler: vi.fn(),
    onBeforeRequest: vi.fn(),
    sessionOn: vi.fn(),
    setApplicationMenu: vi.fn(),
  };
});

vi.mock('electron', async () => {
  // Mock factories run before this file's imports are bound, so the emitter is imported here.
  const { EventEmitter } = await import('node:events');
  class BrowserWindow extends EventEmitter {
    options: unknown;
    webContents = { send: vi.fn(), once: vi.fn() };
    focus = vi.fn();
    show = vi.fn();
    restore = vi.fn();
    loadFile = vi.fn(() => Promise.resolve());
    loadURL = vi.fn(() => Promise.resolve());
    isMinimized = () => false;
    isDestroyed = () => false;
    constructor(options: unknown) {
      super();
      this.options = options;
      fake.windows.push(this);
    }
  }
  return {
    app: fake.app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, listener: InvokeListener) => fake.ipcHandlers.set(channel, listener) },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
    ipcRenderer: {
      invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: {} })),
      on: (channel: string, listener: Listener) => fake.rendererListeners.set(channel, listener),
      removeListener: (channel: string, listener: Listener) => {
        if (fake.rendererListeners.get(channel) === listener) fake.rendererListeners.delete(channel);
      },
    },
    dialog: { showErrorBox: fake.showErrorBox },
    Menu: { setApplicationMenu: fake.setApplicationMenu, buildFromTemplate: (template: unknown) => template },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => fake.permissionHandlers.push(handler),
        setPermissionCheckHandler: fake.setPermissionCheckHandler,
        webRequest: { onBeforeRequest: fake.onBeforeRequest },
        on: fake.sessionOn,
      },
    },
    shell: { openPath: vi.fn() },
  };
});

vi.mock('../../electron/core/index', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../electron/core/index')>()),
  startCore: fake.startCore,
}));

const APP_URL = 'file:///opt/Vigil/resources/app/out/renderer/index.html';

/** Records what the shell registers on a session, so each handler can be called as Electron would. */
function recordingSession() {
  const recorded: {
    request?: (contents: unknown, permission: string, grant: (granted: boolean) => void) => void;
    check?: (contents: unknown, permission: string) => boolean;
    beforeRequest?: (details: { url: string }, respond: (response: { cancel?: boolean }) => void) => void;
  } = {};
  const session = {
    setPermissionRequestHandler(handler: NonNullable<typeof recorded.request>) {
      recorded.request = handler;
    },
    setPermissionCheckHandler(handler: NonNullable<typeof recorded.check>) {
      recorded.check = handler;
    },
    webRequest: {
      onBeforeRequest(listener: NonNullable<typeof recorded.beforeRequest>) {
        recorded.beforeRequest = listener;
      },
    },
  } satisfies LockableSession;
  return { session, recorded };
}

function requestCancelled(recorded: ReturnType<typeof recordingSession>['recorded'], url: string): boolean | undefined {
  let cancel: boolean | undefined;
  recorded.beforeRequest?.({ url }, (response) => {
    cancel = response.cancel;
  });
  return cancel;
}

/** A web contents as `hardenContents` sees it: events plus a window-open handler slot. */
function createdContents() {
  const app = new EventEmitter();
  hardenContents(app, APP_URL);
  const contents = Object.assign(new EventEmitter(), {
    openHandler: undefined as undefined | (() => { action: string }),
    setWindowOpenHandler(handler: () => { action: string }) {
      contents.openHandler = handler;
    },
  });
  app.emit('web-contents-created', {}, contents);
  return contents;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

let userData = '';

beforeEach(() => {
  // A failed startup writes its log under the data folder: keep that in a throwaway one.
  userData = mkdtempSync(join(tmpdir(), 'vigil-shell-'));
  fake.app.getPath.mockReturnValue(userData);
  vi.stubEnv('VIGIL_DATA_DIR', '');
  fake.ipcHandlers.clear();
  fake.exposed.clear();
  fake.rendererListeners.clear();
  fake.appListeners.clear();
  fake.windows.length = 0;
  fake.permissionHandlers.length = 0;
  fake.app.requestSingleInstanceLock.mockReturnValue(true);
  fake.startCore.mockReset();
  fake.showErrorBox.mockReset();
  fake.app.quit.mockClear();
  fake.app.exit.mockClear();
  fake.app.enableSandbox.mockClear();
  fake.setPermissionCheckHandler.mockClear();
  fake.onBeforeRequest.mockClear();
  fake.setApplicationMenu.mockClear();
});

afterEach(() => {
  vi.resetModules();
  vi.unstubAllEnvs();
  rmSync(userData, { recursive: true, force: true });
});

describe('window options', () => {
  const options = windowOptions('/opt/Vigil/out/preload/index.cjs');

  it('sandbox the renderer with context isolation and without Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/Vigil/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keep web security on and refuse insecure content, webviews and experimental features', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
    });
  });

  it('disable middle-click (auxclick) link opening', () => {
    expect(options.webPreferences?.disableBlinkFeatures?.split(',')).toContain('Auxclick');
  });

  it('keep the window hidden until its first paint', () => {
    expect(options.show).toBe(false);
  });
});

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const { session, recorded } = recordingSession();
    hardenSession(session, APP_URL);
    const grants: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal'])
      recorded.request?.({}, permission, (granted) => grants.push(granted));
    expect(grants).toEqual([false, false, false, false]);
    expect(recorded.check?.({}, 'clipboard-read')).toBe(false);
  });

  it('cancels every request that would leave the machine', () => {
    const { session, recorded } = recordingSession();
    hardenSession(session, APP_URL);
    expect(requestCancelled(recorded, 'https://example.com/track.gif')).toBe(true);
    expect(requestCancelled(recorded, 'http://127.0.0.1:8080/')).toBe(true);
    expect(requestCancelled(recorded, 'wss://example.com/socket')).toBe(true);
    expect(requestCancelled(recorded, 'ftp://example.com/file')).toBe(true);
  });

  it('cancels file URLs that name a host: they reach network shares', () => {
    const { session, recorded } = recordingSession();
    hardenSession(session, APP_URL);
    expect(requestCancelled(recorded, 'file://fileserver/share/logo.png')).toBe(true);
  });

  it('lets the bundle, DevTools and in-memory images load', () => {
    const { session, recorded } = recordingSession();
    hardenSession(session, APP_URL);
    expect(requestCancelled(recorded, 'file:///opt/Vigil/resources/app/out/renderer/assets/index.js')).toBe(false);
    expect(requestCancelled(recorded, 'devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(requestCancelled(recorded, 'data:image/png;base64,iVBORw0KGgo=')).toBe(false);
  });

  it('in development allows only the dev server host', () => {
    const { session, recorded } = recordingSession();
    hardenSession(session, 'http://localhost:5173');
    expect(requestCancelled(recorded, 'http://localhost:5173/src/main.tsx')).toBe(false);
    expect(requestCancelled(recorded, 'ws://localhost:5173/')).toBe(false);
    expect(requestCancelled(recorded, 'http://localhost:5174/')).toBe(true);
  });
});

describe('web contents hardening', () => {
  it('prevents navigation away from the app', () => {
    const contents = createdContents();
    const away = navigationEvent('https://example.com/');
    const otherFile = navigationEvent('file:///etc/passwd');
    contents.emit('will-navigate', away);
    contents.emit('will-navigate', otherFile);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(otherFile.preventDefault).toHaveBeenCalled();
  });

  it('lets the app reload its own page', () => {
    const contents = createdContents();
    const reload = navigationEvent(`${APP_URL}#/engagements`);
    contents.emit('will-navigate', reload);
    expect(reload.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open', () => {
    const contents = createdContents();
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('prevents webviews from attaching', () => {
    const contents = createdContents();
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, { src: 'https://example.com/' });
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});

describe('IPC', () => {
  function registered() {
    const router = {
      invoke: vi.fn(() => ({ ok: true as const, value: { version: '0.1.0' } })),
      invokeAsync: vi.fn(async () => ({ ok: true as const, value: {} })),
    };
    const log = vi.fn();
    registerIpc({ router, appUrl: APP_URL, log });
    const handler = fake.ipcHandlers.get('vigil:invoke');
    if (!handler) throw new Error('no handler on vigil:invoke');
    return { router, log, handler };
  }

  it('registers exactly one handler, on the contract channel', () => {
    registered();
    expect([...fake.ipcHandlers.keys()]).toEqual(['vigil:invoke']);
  });

  it('routes a call from the app page to the core router and returns its result', () => {
    const { router, handler } = registered();
    const result = handler({ senderFrame: { url: APP_URL } }, 'app.info', {});
    expect(router.invoke).toHaveBeenCalledWith('app.info', {});
    expect(result).toEqual({ ok: true, value: { version: '0.1.0' } });
  });

  it('refuses a call from another page, logs it, and never reaches the router', () => {
    const { router, log, handler } = registered();
    const result = handler({ senderFrame: { url: 'https://example.com/' } }, 'engagement.emptyTrash', {});
    expect(result).toEqual(UNTRUSTED_SENDER_RESULT);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(router.invoke).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('untrusted'), expect.anything());
  });

  it('refuses a call whose frame is gone', () => {
    const { router, handler } = registered();
    expect(handler({ senderFrame: null }, 'app.info', {})).toEqual(UNTRUSTED_SENDER_RESULT);
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('trusts only our index.html, or the dev server origin in development', () => {
    expect(isTrustedSender(`${APP_URL}?x=1#/settings`, APP_URL)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil/index.html', APP_URL)).toBe(false);
    expect(isTrustedSender('file://otherhost/opt/Vigil/resources/app/out/renderer/index.html', APP_URL)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/#/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender(undefined, APP_URL)).toBe(false);
  });
});

describe('preload', () => {
  async function loadPreload() {
    await import('../../electron/preload/index');
    const { ipcRenderer } = await import('electron');
    const api = fake.exposed.get('api') as { invoke: (...args: unknown[]) => unknown; on: Listener };
    return { api, ipcRenderer };
  }

  it('exposes only window.api with invoke and on', async () => {
    const { api } = await loadPreload();
    expect([...fake.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('sends invoke over the one invoke channel', async () => {
    const { api, ipcRenderer } = await loadPreload();
    await api.invoke('engagement.get', { id: 'x' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('vigil:invoke', 'engagement.get', { id: 'x' });
  });

  it('delivers only the subscribed event and stops after unsubscribing', async () => {
    const { api } = await loadPreload();
    const heard: unknown[] = [];
    const unsubscribe = (api.on as (event: string, listener: (payload: unknown) => void) => () => void)(
      'menu.command',
      (payload) => heard.push(payload),
    );
    const relay = fake.rendererListeners.get('vigil:event');
    relay?.({}, 'engagement.changed', { id: 'e1' });
    relay?.({}, 'menu.command', { command: 'engagement.new' });
    expect(heard).toEqual([{ command: 'engagement.new' }]);
    unsubscribe();
    expect(fake.rendererListeners.has('vigil:event')).toBe(false);
  });
});

describe('application menu', () => {
  function menu(isPackaged: boolean, language: 'en' | 'zh-CN' = 'en', isMac = false) {
    const sent: MenuCommand[] = [];
    const template = menuTemplate({
      appName: 'Vigil',
      isMac,
      isPackaged,
      language,
      sendCommand: (command) => sent.push(command),
      showLogs: () => {},
    });
    const items = template.flatMap((top) => (Array.isArray(top.submenu) ? top.submenu : []));
    return { template, items, sent };
  }

  it('announces New engagement and Settings to the renderer with their shortcuts', () => {
    const { items, sent } = menu(true);
    const newEngagement = items.find((item) => item.label === 'New engagement');
    const settings = items.find((item) => item.label === 'Settings…');
    expect(newEngagement?.accelerator).toBe('CmdOrCtrl+N');
    expect(settings?.accelerator).toBe('CmdOrCtrl+,');
    // The handlers ignore Electron's (menuItem, window, event) arguments, so none are passed.
    for (const item of [newEngagement, settings]) if (item?.click) Reflect.apply(item.click, undefined, []);
    expect(sent).toEqual(['engagement.new', 'settings.open']);
  });

  it('offers reload and DevTools only in development builds', () => {
    const roles = (isPackaged: boolean) => menu(isPackaged).items.map((item) => item.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('titles its own items and submenus in Simplified Chinese and keeps the native roles', () => {
    for (const isMac of [false, true]) {
      const { template, items, sent } = menu(true, 'zh-CN', isMac);
      const titles = template.map((top) => top.label);
      expect(titles).toEqual([...(isMac ? ['Vigil'] : []), '文件', '编辑', '视图', '窗口', '帮助']);
      expect(template.map((top) => top.role)).toEqual([
        ...(isMac ? [undefined] : []),
        undefined,
        'editMenu',
        undefined,
        'windowMenu',
        'help',
      ]);
      const labels = items.map((item) => item.label).filter(Boolean);
      expect(labels).toEqual(expect.arrayContaining(['新建保障项目', '设置…', '显示日志文件']));
      expect(labels.join(' ')).not.toMatch(/[A-Za-z]{3,}/);
      const newEngagement = items.find((item) => item.label === '新建保障项目');
      if (newEngagement?.click) Reflect.apply(newEngagement.click, undefined, []);
      expect(sent).toEqual(['engagement.new']);
    }
  });

  it('titles its submenus in English by default', () => {
    expect(menu(true).template.map((top) => top.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });
});

// The first test imports the whole main process (and the core behind it) cold: slow on a busy machine.
describe('app lifecycle', { timeout: 30_000 }, () => {
  const BUILT_APP_URL = pathToFileURL(join('/app', 'out', 'renderer', 'index.html')).href;
  const storedSettings = (uiLanguage: 'en' | 'zh-CN') => ({ uiLanguage, colorScheme: 'auto', consultantName: '' });

  /** A started core whose settings say `uiLanguage`; `settings.update` answers with `update`. */
  function fakeCore(uiLanguage: 'en' | 'zh-CN' = 'en', update?: (input: unknown) => unknown) {
    const invoke = vi.fn((method: unknown, input: unknown): unknown => {
      if (method === 'settings.get') return { ok: true, value: storedSettings(uiLanguage) };
      if (method === 'settings.update' && update) return update(input);
      return { ok: true, value: {} };
    });
    return {
      router: { invoke, invokeAsync: vi.fn() },
      context: { log: vi.fn() },
      close: vi.fn(),
      closeWithBackup: vi.fn(() => Promise.resolve()),
    };
  }

  async function started(core: ReturnType<typeof fakeCore>) {
    fake.startCore.mockReturnValue(core);
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const invoke = fake.ipcHandlers.get('vigil:invoke');
    if (!invoke) throw new Error('no handler on vigil:invoke');
    return { invoke };
  }

  /** Submenu titles and the labels of our own items in the menu set by the n-th (0-based) call. */
  function installedMenu(call: number) {
    const template = fake.setApplicationMenu.mock.calls[call]?.[0] as MenuItemConstructorOptions[] | undefined;
    if (!template) throw new Error(`no application menu set by call ${call}`);
    const items = template.flatMap((top) => (Array.isArray(top.submenu) ? top.submenu : []));
    return {
      titles: template.map((top) => top.label),
      labels: items.map((item) => item.label).filter(Boolean),
    };
  }

  it('asks for the single-instance lock and quits when another Vigil holds it', async () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../electron/main/index');
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('opens one sandboxed window on the built renderer and wires IPC and the session', async () => {
    fake.startCore.mockReturnValue(fakeCore());
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    expect(window?.loadFile).toHaveBeenCalledWith(join('/app', 'out', 'renderer', 'index.html'));
    expect(window?.options).toMatchObject({ webPreferences: { preload: join('/app', 'out', 'preload', 'index.cjs') } });
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect([...fake.ipcHandlers.keys()]).toEqual(['vigil:invoke']);
    expect(fake.permissionHandlers).toHaveLength(1);
    // Exports are downloads: the session offers the OS save dialog for each.
    expect(fake.sessionOn).toHaveBeenCalledWith('will-download', expect.any(Function));
    expect(fake.startCore).toHaveBeenCalledWith(
      expect.objectContaining({
        transport: 'electron',
        migrationsDir: '/app/electron/core/db/migrations',
        // The signing key is sealed by the OS keychain (safeStorage), not a passphrase.
        keyProtection: expect.objectContaining({ protect: expect.any(Function), unprotect: expect.any(Function) }),
      }),
    );
  });

  it('sandboxes every renderer and hardens every web contents before the app is ready', async () => {
    // The store refuses, so nothing after whenReady runs: these must be wired by then.
    fake.startCore.mockImplementation(() => {
      throw failure('STORE_TOO_NEW', 'newer');
    });
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalled());
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    const created = fake.appListeners.get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);
    // The listener is hardenContents' own, bound to the built renderer: navigation away is stopped.
    const contents = Object.assign(new EventEmitter(), {
      openHandler: undefined as undefined | (() => { action: string }),
      setWindowOpenHandler(handler: () => { action: string }) {
        contents.openHandler = handler;
      },
    });
    fake.app.emit('web-contents-created', {}, contents);
    const away = navigationEvent('https://example.com/');
    const home = navigationEvent(`${BUILT_APP_URL}#/settings`);
    contents.emit('will-navigate', away);
    contents.emit('will-navigate', home);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('locks the default session: every permission denied, every outside request cancelled', async () => {
    await started(fakeCore());
    expect(fake.permissionHandlers).toHaveLength(1);
    const request = fake.permissionHandlers[0] as (contents: unknown, permission: string, grant: Listener) => void;
    const grant = vi.fn();
    request({}, 'media', grant);
    expect(grant).toHaveBeenCalledWith(false);
    expect(fake.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const check = fake.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      contents: unknown,
      permission: string,
    ) => boolean;
    expect(check({}, 'clipboard-read')).toBe(false);
    expect(fake.onBeforeRequest).toHaveBeenCalledTimes(1);
    const beforeRequest = fake.onBeforeRequest.mock.calls[0]?.[0] as NonNullable<
      ReturnType<typeof recordingSession>['recorded']['beforeRequest']
    >;
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest({ url }, (response) => {
        cancel = response.cancel;
      });
      return cancel;
    };
    expect(cancelled('https://example.com/track.gif')).toBe(true);
    expect(cancelled(BUILT_APP_URL)).toBe(false);
  });

  it('builds the menu in English when the settings say English', async () => {
    await started(fakeCore('en'));
    expect(fake.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(installedMenu(0).titles).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(installedMenu(0).labels).toEqual(expect.arrayContaining(['New engagement', 'Show log files']));
  });

  it('builds the menu in Simplified Chinese when the settings say zh-CN', async () => {
    await started(fakeCore('zh-CN'));
    expect(fake.setApplicationMenu).toHaveBeenCalledTimes(1);
    const { titles, labels } = installedMenu(0);
    expect(titles).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(labels).toEqual(expect.arrayContaining(['新建保障项目', '设置…', '显示日志文件']));
    expect(labels).not.toContain('New engagement');
  });

  it('rebuilds the menu in the new language after a successful settings.update through IPC', async () => {
    const core = fakeCore('en', () => ({ ok: true, value: storedSettings('zh-CN') }));
    const { invoke } = await started(core);
    const result = invoke({ senderFrame: { url: BUILT_APP_URL } }, 'settings.update', { uiLanguage: 'zh-CN' });
    expect(result).toEqual({ ok: true, value: storedSettings('zh-CN') });
    expect(core.router.invoke).toHaveBeenCalledWith('settings.update', { uiLanguage: 'zh-CN' });
    expect(fake.setApplicationMenu).toHaveBeenCalledTimes(2);
    expect(installedMenu(1).titles).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(installedMenu(1).labels).toContain('新建保障项目');
  });

  it('leaves the menu alone when settings.update fails', async () => {
    const refusal = { ok: false, error: { code: 'INVALID_INPUT', message: 'uiLanguage: unknown language' } };
    const { invoke } = await started(fakeCore('en', () => refusal));
    expect(invoke({ senderFrame: { url: BUILT_APP_URL } }, 'settings.update', { uiLanguage: 'fr' })).toEqual(refusal);
    expect(fake.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(installedMenu(0).titles).toContain('File');
  });

  it('leaves the menu alone when settings.update keeps the language', async () => {
    const { invoke } = await started(fakeCore('zh-CN', () => ({ ok: true, value: storedSettings('zh-CN') })));
    invoke({ senderFrame: { url: BUILT_APP_URL } }, 'settings.update', { consultantName: 'Li Wei' });
    expect(fake.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('does not rebuild the menu for a settings.update from an untrusted frame', async () => {
    const core = fakeCore('en', () => ({ ok: true, value: storedSettings('zh-CN') }));
    const { invoke } = await started(core);
    invoke({ senderFrame: { url: 'https://example.com/' } }, 'settings.update', { uiLanguage: 'zh-CN' });
    expect(core.router.invoke).not.toHaveBeenCalledWith('settings.update', expect.anything());
    expect(fake.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('focuses the existing window when a second copy is launched', async () => {
    fake.startCore.mockReturnValue(fakeCore());
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    fake.app.emit('second-instance', {}, [], '/');
    expect(fake.windows[0]?.focus).toHaveBeenCalled();
  });

  it('shows the store refusal as a sentence, without a stack, and exits', async () => {
    const message = 'This data was written by a newer Vigil (schema 9). Update Vigil to open it.';
    fake.startCore.mockImplementation(() => {
      throw failure('STORE_TOO_NEW', message);
    });
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.showErrorBox).toHaveBeenCalled());
    const [title, shown] = fake.showErrorBox.mock.calls[0] ?? [];
    // The settings live in the store that failed to open, so the dialog speaks both languages.
    expect(title).toBe('Vigil cannot start / Vigil 无法启动');
    expect(String(shown).startsWith(`${message}\n\n`)).toBe(true);
    expect(shown).toContain('由更新版本的 Vigil 写入');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('holds the quit until the on-quit backup is written, then exits', async () => {
    const core = fakeCore();
    await started(core);
    expect(fake.startCore).toHaveBeenCalledWith(expect.objectContaining({ rollingBackups: true }));
    const quit = { preventDefault: vi.fn() };

    fake.app.emit('will-quit', quit);

    expect(quit.preventDefault).toHaveBeenCalled();
    expect(core.closeWithBackup).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.app.exit).toHaveBeenCalledWith(0));
  });

  it('says in both languages that the data file is damaged when no good backup can be offered', async () => {
    fake.startCore.mockImplementation(() => {
      throw failure(
        'STORE_DAMAGED',
        'The data file /data/vigil.db is damaged (Tree 4 page 4: btreeInitPage() returns error code 11).',
      );
    });
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.showErrorBox).toHaveBeenCalled());
    const [, shown] = fake.showErrorBox.mock.calls[0] ?? [];
    expect(shown).toMatch(/^The data file \/data\/vigil.db is damaged/);
    expect(shown).toContain('数据文件已损坏');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('shows a plain sentence, not the error text, when startup fails unexpectedly', async () => {
    fake.startCore.mockImplementation(() => {
      throw new Error('SQLITE_CANTOPEN: unable to open database file\n    at Database (native)');
    });
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(fake.showErrorBox).toHaveBeenCalled());
    const [, shown] = fake.showErrorBox.mock.calls[0] ?? [];
    expect(shown).toMatch(/^Vigil could not open its data in /);
    expect(shown).toContain('Vigil 无法打开');
    expect(shown).not.toContain('SQLITE_CANTOPEN');
    expect(shown).not.toContain('    at ');
  });
});

describe('start-up recovery question', () => {
  it('names the damage, the backup time and its engagements in both languages, restore first', () => {
    const options = recoveryDialogOptions(
      { code: 'STORE_DAMAGED', message: 'The data file /data/vigil.db is damaged (page 4).' },
      {
        fileName: 'vigil-2026-11-10T20-00-00Z-daily.vigilbackup',
        bytes: 1,
        status: 'ok',
        createdAt: '2026-11-10T20:00:00.000Z',
        reason: 'daily',
        appVersion: '0.1.0',
        schemaVersion: 12,
        engagements: 3,
        files: 9,
      },
    );
    expect(options.detail).toContain('The data file /data/vigil.db is damaged (page 4).');
    expect(options.detail).toContain('2026-11-10 20:00 UTC (3 engagement(s))');
    expect(options.detail).toContain('创建于 2026-11-10 20:00 UTC（3 个保障项目）');
    expect(options.buttons[options.defaultId]).toMatch(/^Restore backup/);
    expect(options.buttons[options.cancelId]).toMatch(/^Quit/);
  });
});
