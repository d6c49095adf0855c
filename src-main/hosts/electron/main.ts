import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session, shell } from 'electron';
import { createCore, defaultDataDir, KeyDeskError, type Core } from '../../core/index.js';
import { APP_ENTRY_URL, devServerUrlFrom, isAppUrl, isTrustedSender } from './security.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { hardenSession, hardenWebContents, windowOptions } from './window.js';
import { createSafeStorageKeychain } from './keychain.js';
import { createSettingsStore, type DesktopSettingsStore } from './settings-store.js';
import { registerIpc } from './ipc.js';
import { registerFileIpc } from './file-ipc.js';
import { createDesktopNotifier } from './notifier.js';
import { startSandbox, allSimulators, type Sandbox } from '../../sandbox/index.js';

// Built layout: out/main/index.js next to out/preload/index.cjs and out/renderer/.
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = join(import.meta.dirname, '../renderer');
// Set by `electron-vite dev` only.
const devServerUrl = devServerUrlFrom(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
const isOurs = (url: string): boolean => isAppUrl(url, devServerUrl);

let settings: DesktopSettingsStore | undefined;
let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;
let disposeIpc: (() => void) | undefined;
let sandbox: Sandbox | undefined;

// Privileged schemes and the sandbox switch only take effect before `ready`.
registerAppScheme(protocol);
app.enableSandbox();
// Windows shows toast notifications only for an app with an AppUserModelID (the installer sets the same one).
if (process.platform === 'win32') app.setAppUserModelId('com.keydesk.app');

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite file and one sealed key would fight; the first one gets focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openExternal, isAppUrl: isOurs });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && settings && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(settings);
  });
  app.on('will-quit', () => {
    disposeIpc?.();
    core?.close();
    core = undefined;
    void sandbox?.close();
  });
  void app.whenReady().then(start).catch(refuseToStart);
}

async function start(): Promise<void> {
  settings = createSettingsStore();
  // The simulated shops behind "试用沙箱店铺": loopback only, no real data, so the desktop always offers them.
  sandbox = await startSandbox({ port: 0, simulators: allSimulators() });
  core = createCore({
    sandboxUrl: sandbox.url,
    dataDir: process.env.KEYDESK_DATA_DIR ?? settings.get('dataDir') ?? defaultDataDir(),
    host: 'electron',
    version: app.getVersion(),
    keychain: createSafeStorageKeychain({ safeStorage, store: settings, platform: process.platform, warn: (m) => core?.services.log.warn(m) }),
    notifier: createDesktopNotifier(() => Notification),
  });
  hardenSession(session.defaultSession);
  serveRenderer(protocol, rendererDir);
  disposeIpc = registerIpc({
    ipcMain,
    core,
    isTrustedSender: (url) => isTrustedSender(url, devServerUrl),
    getWindows: () => BrowserWindow.getAllWindows(),
    log: core.services.log,
  });
  const disposeCallIpc = disposeIpc;
  const disposeFileIpc = registerFileIpc({
    ipcMain,
    core,
    isTrustedSender: (url) => isTrustedSender(url, devServerUrl),
    chooseSavePath: async (defaultName) => {
      const result = await dialog.showSaveDialog({ title: '保存导出文件', defaultPath: defaultName });
      return result.canceled ? undefined : result.filePath;
    },
  });
  disposeIpc = () => {
    disposeCallIpc();
    disposeFileIpc();
  };
  mainWindow = createWindow(settings);
}

/** DB_CORRUPT, DB_TOO_NEW, an unreadable settings file…: say so and stop. Nothing is deleted or reset. */
function refuseToStart(err: unknown): void {
  const message = err instanceof KeyDeskError ? err.message : `启动失败：${err instanceof Error ? err.message : String(err)}`;
  dialog.showErrorBox('卡密工作台无法打开数据', message);
  app.quit();
}

function createWindow(store: DesktopSettingsStore): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath, store.get('windowBounds')));
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const { width, height } = win.getNormalBounds();
    store.set('windowBounds', { width, height });
  });
  win.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((err: unknown) => {
    core?.services.log.error({ err: (err as Error).message }, 'createWindow: renderer failed to load');
  });
  return win;
}

function openExternal(url: string): void {
  shell.openExternal(url).catch((err: unknown) => {
    core?.services.log.warn({ err: (err as Error).message }, 'openExternal: browser did not open');
  });
}
