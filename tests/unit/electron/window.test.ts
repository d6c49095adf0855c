import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenSession, hardenWebContents, windowOptions } from '../../../src-main/hosts/electron/window.js';
import { isAppUrl } from '../../../src-main/hosts/electron/security.js';

describe('windowOptions', () => {
  it('pins every web preference that keeps page script away from Node', () => {
    const o = windowOptions('/app/out/preload/index.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      webviewTag: false,
    });
  });

  it('opens hidden at 1280×800 with a 1024×680 minimum and the Chinese title', () => {
    const o = windowOptions('/p');
    expect(o).toMatchObject({ title: '卡密工作台', width: 1280, height: 800, minWidth: 1024, minHeight: 680, show: false });
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('restores a saved size but never below the minimum', () => {
    expect(windowOptions('/p', { width: 1600, height: 900 })).toMatchObject({ width: 1600, height: 900 });
    expect(windowOptions('/p', { width: 300, height: 200 })).toMatchObject({ width: 1024, height: 680 });
  });
});

type Listener = (event: { url: string; preventDefault: () => void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  const fire = (name: string, url: string): boolean => {
    const preventDefault = vi.fn();
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => openHandler!({ url });
  return { contents: contents as unknown as WebContents, fire, open };
}

function hardened() {
  const openExternal = vi.fn();
  const fake = fakeContents();
  hardenWebContents(fake.contents, { openExternal, isAppUrl: (url) => isAppUrl(url) });
  return { ...fake, openExternal };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: stays inside the app, blocks every other origin', (name) => {
    const { fire } = hardened();
    expect(fire(name, 'app://keydesk/orders')).toBe(false);
    expect(fire(name, 'https://evil.example/phish')).toBe(true);
    expect(fire(name, 'file:///etc/passwd')).toBe(true);
    expect(fire(name, 'app://other/index.html')).toBe(true);
    expect(fire(name, 'javascript:alert(1)')).toBe(true);
  });

  it('never attaches a <webview>', () => {
    const { fire } = hardened();
    expect(fire('will-attach-webview', 'app://keydesk/index.html')).toBe(true);
  });

  it('denies every new window and hands only http(s) links to the browser', () => {
    const { open, openExternal } = hardened();
    expect(open('https://www.taobao.com/item?id=1')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.taobao.com/item?id=1');

    openExternal.mockClear();
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'smb://host/share', 'javascript:alert(1)', 'app://keydesk/x', 'https://a:b@evil.example/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  it('refuses every permission request, check and device', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let device: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => { request = h; },
      setPermissionCheckHandler: (h: typeof check) => { check = h; },
      setDevicePermissionHandler: (h: typeof device) => { device = h; },
    };
    hardenSession(session as unknown as Session);

    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!(null, permission, 'app://keydesk', {})).toBe(false);
    }
    expect(device!({ deviceType: 'usb', origin: 'app://keydesk' })).toBe(false);
  });
});
