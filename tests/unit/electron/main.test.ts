import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/core.js';
import { errorMessages } from '../../../src-shared/contract/index.js';

/**
 * main.ts is wiring, so it is tested as wiring: a fake Electron around the real core and a real
 * data folder. Each test re-imports main.ts, because importing it is what starts the app.
 */
const fake = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const state = {
    appEvents: new Map<string, Fn>(),
    ipcHandlers: new Map<string, Fn>(),
    protocolHandlers: new Map<string, Fn>(),
    windows: [] as { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn>; show: ReturnType<typeof vi.fn>; focus: ReturnType<typeof vi.fn>; events: Map<string, Fn> }[],
    calls: [] as string[],
    gotLock: true,
    settings: new Map<string, unknown>(),
  };
  const app = {
    isPackaged: true,
    enableSandbox: vi.fn(() => state.calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => state.gotLock),
    quit: vi.fn(() => state.calls.push('quit')),
    on: vi.fn((name: string, fn: Fn) => state.appEvents.set(name, fn)),
    whenReady: vi.fn(() => {
      state.calls.push('whenReady');
      return Promise.resolve();
    }),
    getVersion: () => '0.1.0',
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows.map((w) => w as unknown);
    events = new Map<string, Fn>();
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    focus = vi.fn();
    webContents = { isDestroyed: () => false, getURL: () => 'app://keydesk/index.html', send: vi.fn() };
    constructor(public options: Record<string, unknown>) {
      state.windows.push(this);
    }
    once(name: string, fn: Fn) { this.events.set(name, fn); }
    on(name: string, fn: Fn) { this.events.set(name, fn); }
    isDestroyed() { return false; }
    isMinimized() { return false; }
    restore() {}
    getNormalBounds() { return { x: 0, y: 0, width: 1300, height: 820 }; }
  }
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: vi.fn((channel: string, fn: Fn) => state.ipcHandlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => state.ipcHandlers.delete(channel)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string, fn: Fn) => state.protocolHandlers.set(scheme, fn)),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../../../src-main/hosts/electron/settings-store.js', () => ({
  createSettingsStore: () => ({
    get: (key: string) => fake.state.settings.get(key),
    set: (key: string, value: unknown) => void fake.state.settings.set(key, value),
  }),
}));

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const originalPlatform = process.platform;

async function startMain(dataDir: string): Promise<void> {
  process.env.KEYDESK_DATA_DIR = dataDir;
  vi.resetModules();
  await import('../../../src-main/hosts/electron/main.js');
  await flush();
}

beforeEach(() => {
  const s = fake.state;
  s.appEvents.clear();
  s.ipcHandlers.clear();
  s.protocolHandlers.clear();
  s.windows.length = 0;
  s.calls.length = 0;
  s.gotLock = true;
  s.settings.clear();
  vi.clearAllMocks();
  Object.defineProperty(process, 'platform', { value: 'linux' });
});
afterEach(() => {
  fake.state.appEvents.get('will-quit')?.();
  delete process.env.KEYDESK_DATA_DIR;
  Object.defineProperty(process, 'platform', { value: originalPlatform });
});

describe('electron main', () => {
  it('registers the app scheme and the sandbox before waiting for ready', async () => {
    await startMain(tempDir());
    const c = fake.state.calls;
    expect(c.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(c.indexOf('registerSchemesAsPrivileged')).toBeLessThan(c.indexOf('whenReady'));
    expect(c.indexOf('enableSandbox')).toBeLessThan(c.indexOf('whenReady'));
  });

  it('opens one hardened window on app://keydesk, with the core answering over IPC', async () => {
    await startMain(tempDir());
    const { windows, ipcHandlers, protocolHandlers } = fake.state;
    expect(windows).toHaveLength(1);
    expect(windows[0]!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
    expect(String((windows[0]!.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(windows[0]!.loadURL).toHaveBeenCalledWith('app://keydesk/index.html');
    expect(protocolHandlers.has('app')).toBe(true);
    expect(fake.electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(fake.state.appEvents.has('web-contents-created')).toBe(true);

    const call = ipcHandlers.get('keydesk:call')!;
    const status = (await call({ senderFrame: { url: 'app://keydesk/index.html' } }, 'vault.status', {})) as {
      ok: boolean;
      data: { state: string; keychain: { available: boolean; reason?: string } };
    };
    // The fake reports Linux basic_text: the desktop keychain must be offered as unavailable.
    expect(status).toMatchObject({ ok: true, data: { state: 'new', keychain: { available: false } } });
    expect(status.data.keychain.reason).toContain('basic_text');

    const refused = await call({ senderFrame: { url: 'https://evil.example/' } }, 'vault.status', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('shows the Chinese error and quits, leaving a corrupt database untouched', async () => {
    const dir = tempDir();
    const junk = Buffer.from('这不是数据库'.repeat(500));
    writeFileSync(`${dir}/keydesk.db`, junk);
    await startMain(dir);
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), errorMessages.DB_CORRUPT);
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
    expect(readFileSync(`${dir}/keydesk.db`).equals(junk)).toBe(true);
  });

  it('a second instance quits at once and the first one comes to the front', async () => {
    await startMain(tempDir());
    fake.state.appEvents.get('second-instance')!();
    expect(fake.state.windows[0]!.focus).toHaveBeenCalled();

    fake.state.appEvents.get('will-quit')!();
    fake.state.gotLock = false;
    vi.clearAllMocks();
    fake.state.windows.length = 0;
    await startMain(tempDir());
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.app.whenReady).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
  });

  it('remembers the window size and releases IPC on quit', async () => {
    await startMain(tempDir());
    fake.state.windows[0]!.events.get('close')!();
    expect(fake.state.settings.get('windowBounds')).toEqual({ width: 1300, height: 820 });
    fake.state.appEvents.get('will-quit')!();
    expect(fake.state.ipcHandlers.has('keydesk:call')).toBe(false);
  });
});
