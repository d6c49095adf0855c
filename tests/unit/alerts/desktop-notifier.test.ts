import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The desktop host hands the core a notifier built on Electron's `Notification`. Electron is faked; the
 * core is faked too, to see exactly what main.ts passes to createCore.
 */
const fake = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const state = { shown: [] as { title: string; body: string }[], supported: true, coreOptions: undefined as Record<string, unknown> | undefined, appEvents: new Map<string, Fn>() };
  class Notification {
    static isSupported = () => state.supported;
    constructor(private readonly options: { title: string; body: string }) {}
    show() {
      state.shown.push(this.options);
    }
  }
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { isDestroyed: () => false, getURL: () => 'app://keydesk/index.html', send: vi.fn() };
    loadURL = vi.fn(async () => undefined);
    once() {}
    on() {}
  }
  const electron = {
    app: {
      isPackaged: true, enableSandbox: vi.fn(), requestSingleInstanceLock: () => true, quit: vi.fn(), getVersion: () => '0.1.0',
      on: vi.fn((name: string, fn: Fn) => state.appEvents.set(name, fn)), whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
    Notification,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString: vi.fn(), decryptString: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() } },
    shell: { openExternal: vi.fn() },
  };
  return { state, electron, Notification };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../../../src-main/hosts/electron/settings-store.js', () => ({ createSettingsStore: () => ({ get: () => undefined, set: () => undefined }) }));
vi.mock('../../../src-main/sandbox/index.js', () => ({ allSimulators: () => [], startSandbox: async () => ({ url: 'http://127.0.0.1:1', close: async () => undefined }) }));
vi.mock('../../../src-main/core/index.js', () => ({
  KeyDeskError: class extends Error {},
  defaultDataDir: () => '/tmp/keydesk-test',
  createCore: (options: Record<string, unknown>) => {
    fake.state.coreOptions = options;
    return { services: { log: { warn: vi.fn(), error: vi.fn(), info: vi.fn() } }, call: vi.fn(), onEvent: () => () => undefined, close: vi.fn() };
  },
}));

afterEach(() => {
  fake.state.shown.length = 0;
  fake.state.supported = true;
});

describe('desktop notifications', () => {
  it('main.ts gives the core a notifier that shows an Electron Notification', async () => {
    await import('../../../src-main/hosts/electron/main.js');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const notifier = fake.state.coreOptions?.notifier as ((title: string, body: string) => void) | undefined;
    expect(notifier).toBeTypeOf('function');
    notifier!('卡密工作台 · 缺货', '「爱奇艺月卡」缺货：有订单在等待');
    expect(fake.state.shown).toEqual([{ title: '卡密工作台 · 缺货', body: '「爱奇艺月卡」缺货：有订单在等待' }]);
    fake.state.appEvents.get('will-quit')?.();
  });

  it('where the OS has no notifications it says so (the alert log records it) and shows nothing', async () => {
    const { createDesktopNotifier } = await import('../../../src-main/hosts/electron/notifier.js');
    fake.state.supported = false;
    const notify = createDesktopNotifier(() => fake.Notification);
    expect(() => notify('标题', '内容')).toThrow('这台电脑不支持系统通知');
    expect(fake.state.shown).toEqual([]);
  });
});
