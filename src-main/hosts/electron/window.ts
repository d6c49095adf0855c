import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { isSafeExternalUrl } from './security.js';

export const WINDOW_TITLE = '卡密工作台';
export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 1024, height: 680 };

export interface WindowSize {
  width: number;
  height: number;
}

/**
 * The one window's options. Every web preference that could let page script reach Node or another
 * origin is pinned explicitly, so an Electron default changing between versions cannot loosen it.
 * Only the size is restored: a saved position can be off-screen after a monitor is unplugged.
 */
export function windowOptions(preloadPath: string, saved?: WindowSize): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: Math.max(saved?.width ?? DEFAULT_SIZE.width, MIN_SIZE.width),
    height: Math.max(saved?.height ?? DEFAULT_SIZE.height, MIN_SIZE.height),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on ready-to-show, painted in the app's background colour, so there is no white flash.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
    },
  };
}

export interface HardenOptions {
  /** Opens the user's browser (`shell.openExternal` plus its error handling); only ever given a safe URL. */
  openExternal: (url: string) => void;
  /** Whether a URL is our own renderer (`isAppUrl` bound to the dev server, if any). */
  isAppUrl: (url: string) => boolean;
}

type Hardenable = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applied to every webContents the app creates. The renderer shows card secrets, so it must never
 * turn into someone else's page (navigation, redirects), spawn windows that escape these options,
 * or embed a <webview> with its own preferences. Links to the web open in the user's browser.
 */
export function hardenWebContents(contents: Hardenable, options: HardenOptions): void {
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
}

type PermissionGate = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** KeyDesk needs no camera, microphone, notifications API, USB or HID from the page: refuse them all. */
export function hardenSession(session: PermissionGate): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
