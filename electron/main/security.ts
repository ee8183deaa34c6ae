/**
 * The window's walls. Vigil holds client engagements and works offline, so the renderer is treated
 * as untrusted content: it may show our own bundle and talk to the core over one IPC channel, and
 * nothing else — no Node, no navigation, no pop-ups, no permissions, no network.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

type BeforeRequestListener = (
  details: Electron.OnBeforeRequestListenerDetails,
  respond: (response: Electron.CallbackResponse) => void,
) => void;

/** The parts of a session we lock down; a real `Session` fits, and so does a test double. */
export type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: { onBeforeRequest(listener: BeforeRequestListener | null): void };
};

/** Whatever announces new web contents: Electron's `app`. */
export type ContentsSource = {
  on(event: 'web-contents-created', listener: (event: Electron.Event, contents: WebContents) => void): unknown;
};

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'Vigil',
    // Painted before the bundle loads so a slow disk shows a plain frame, not a white flash.
    backgroundColor: '#f8f9fa',
    // Shown on ready-to-show, once the first paint is done.
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would try to open a link in a new window; the open handler denies that too.
      disableBlinkFeatures: 'Auxclick',
      // On Windows and Linux Chromium downloads Hunspell dictionaries from a CDN: the app makes no
      // network request, so spell checking stays off until dictionaries ship with it.
      spellcheck: false,
    },
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is our renderer. Packaged, that is one file (query and hash are the renderer's
 * own routing); in development it is the electron-vite dev server's origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!candidate || !app) return false;
  // A file URL with a host is a network share (SMB on Windows): never ours.
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === '' && candidate.pathname === app.pathname;
  }
  return candidate.origin === app.origin;
}

/**
 * Only our own page may call the core. `senderFrame` is null once the frame has gone, and an
 * iframe or a navigated-away page has another URL: both are refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appUrl: string): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl, appUrl);
}

/**
 * Requests the renderer may make: files of the bundle, DevTools' own pages, and in-memory data and
 * blob URLs (evidence thumbnails), none of which touch the network. In development the dev
 * server's host is allowed too, including its hot-reload websocket.
 */
export function isAllowedRequest(url: string, appUrl: string): boolean {
  const request = parseUrl(url);
  if (!request) return false;
  // file://host/… reaches a network share and would leak credentials on Windows: local files only.
  if (request.protocol === 'file:') return request.host === '';
  if (['devtools:', 'data:', 'blob:'].includes(request.protocol)) return true;
  const app = parseUrl(appUrl);
  return app !== null && app.protocol !== 'file:' && request.host === app.host;
}

export function hardenSession(session: LockableSession, appUrl: string): void {
  // Camera, microphone, notifications, geolocation…: nothing Vigil needs, so nothing is granted.
  session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, respond) => respond({ cancel: !isAllowedRequest(details.url, appUrl) }));
}

/** Applies to every web contents, including ones we did not create ourselves. */
export function hardenContents(app: ContentsSource, appUrl: string): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url, appUrl)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
