import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY, devServerUrlFrom, isAppUrl, isSafeExternalUrl, isTrustedSender,
} from '../../../src-main/hosts/electron/security.js';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://www.taobao.com/',
    'http://example.com/help?q=卡密',
    'https://open.pinduoduo.com/application/document/api?id=pdd.order.list.get',
    'HTTPS://EXAMPLE.COM/path',
  ])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'app://keydesk/index.html',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://taobao.com@evil.example/',
    'not a url',
    '//example.com/',
    'http://',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://example.com' })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it.each(['app://keydesk/index.html', 'app://keydesk/', 'app://keydesk/orders?id=1#top'])('trusts %s', (url) => {
    expect(isTrustedSender(url)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://keydesk.evil.example/index.html',
    'app://user@keydesk/index.html',
    'https://keydesk/index.html',
    'file:///work/out/renderer/index.html',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'data:text/html,hi',
    '',
    'garbage',
  ])('refuses %s without a dev server', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });

  it('trusts exactly the dev server origin when one is given', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/orders', dev)).toBe(true);
    expect(isTrustedSender('app://keydesk/index.html', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://evil.example/', dev)).toBe(false);
  });

  it('does not treat a malformed dev server URL as trusting everything', () => {
    expect(isTrustedSender('http://evil.example/', 'not a url')).toBe(false);
    expect(isTrustedSender('null', 'data:text/html,x')).toBe(false);
  });

  it('is the same rule as navigation', () => {
    expect(isAppUrl('app://keydesk/settings')).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
  });
});

describe('devServerUrlFrom', () => {
  it('uses a loopback dev server only in an unpackaged app', () => {
    expect(devServerUrlFrom('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerUrlFrom('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173');
    expect(devServerUrlFrom('http://localhost:5173/', true)).toBeUndefined();
    expect(devServerUrlFrom(undefined, false)).toBeUndefined();
  });

  it.each(['http://evil.example:5173/', 'http://192.168.1.10:5173/', 'file:///tmp/index.html', 'javascript:1', 'nonsense'])(
    'ignores %s',
    (raw) => {
      expect(devServerUrlFrom(raw, false)).toBeUndefined();
    },
  );
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only our own scripts and no plugins, frames of us, forms or base rewriting', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline/);
  });
});
