import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Protocol } from 'electron';
import {
  contentTypeOf, createRendererHandler, registerAppScheme, resolveRendererPath,
} from '../../../src-main/hosts/electron/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/hosts/electron/security.js';

const root = resolve('/srv/keydesk/out/renderer');

describe('resolveRendererPath', () => {
  it.each([
    ['app://keydesk/', 'index.html'],
    ['app://keydesk', 'index.html'],
    ['app://keydesk/index.html', 'index.html'],
    ['app://keydesk/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://keydesk/assets/%E5%9B%BE%E6%A0%87.svg?v=1#x', 'assets/图标.svg'],
  ])('%s → %s', (url, file) => {
    expect(resolveRendererPath(root, url)?.file).toBe(join(root, file));
  });

  it('falls back to index.html only for extensionless routes', () => {
    expect(resolveRendererPath(root, 'app://keydesk/orders/123')).toEqual({
      file: join(root, 'orders', '123'),
      fallback: join(root, 'index.html'),
    });
    expect(resolveRendererPath(root, 'app://keydesk/assets/missing.js')?.fallback).toBeUndefined();
  });

  it.each([
    'app://keydesk/../secret.txt',
    'app://keydesk/assets/../../secret.txt',
    'app://keydesk/%2e%2e/secret.txt',
    'app://keydesk/%2E%2E/%2E%2E/etc/passwd',
    'app://keydesk/..%2f..%2fetc%2fpasswd',
    'app://keydesk/assets%2f..%2f..%2fsecret.txt',
    'app://keydesk/..%5c..%5cWindows%5cwin.ini',
    'app://keydesk/assets\\..\\..\\secret.txt',
    'app://keydesk/%2Fetc%2Fpasswd',
    'app://keydesk//etc/passwd',
    'app://keydesk/C:%5CWindows%5Cwin.ini',
    'app://keydesk/C:/Windows/win.ini',
    'app://keydesk/index.html%00.png',
    'app://keydesk/%E0%A4%A',
    'app://keydesk/./index.html',
    'app://evil/index.html',
    'app://keydesk.evil/index.html',
    'https://keydesk/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveRendererPath(root, url)).toBeUndefined();
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.CSS', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.unknown', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});

describe('createRendererHandler', () => {
  let base: string;
  let dir: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'keydesk-out-'));
    dir = join(base, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>卡密工作台</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    // Beside the renderer folder, where the rest of out/ (the main bundle) lives.
    writeFileSync(join(base, 'secret.txt'), 'SECRET');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const get = (url: string, method = 'GET') => createRendererHandler(dir)({ url, method });

  it('serves files with their content type and the CSP header', async () => {
    const res = await get('app://keydesk/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html for client routes but 404 for missing assets', async () => {
    const route = await get('app://keydesk/orders/42');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await route.text()).toContain('卡密工作台');
    expect(route.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    const missing = await get('app://keydesk/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  const traversals = ['app://keydesk/..%2fsecret.txt', 'app://keydesk/%2e%2e/secret.txt', 'app://keydesk/..%5csecret.txt', 'app://keydesk/assets/..%2f..%2fsecret.txt'];

  it('answers 404 to traversal out of the renderer folder', async () => {
    for (const url of traversals) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('SECRET');
    }
  });

  it('does not even read a file for a traversal attempt', async () => {
    const read = vi.fn(async () => Buffer.from('SECRET'));
    const handler = createRendererHandler(dir, read);
    for (const url of traversals) expect((await handler({ url, method: 'GET' })).status).toBe(404);
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://keydesk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://keydesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('registerAppScheme', () => {
  it('makes app: a standard, secure, fetch-capable scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged } as unknown as Protocol);
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});
