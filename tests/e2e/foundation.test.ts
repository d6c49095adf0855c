import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { openSession, completeWizard, PASSPHRASE, type Session } from './harness.js';

const SCREENS = ['home', 'inventory', 'orders', 'topup', 'aftersales', 'risk', 'reports', 'settings'] as const;

describe('first run, unlock and the app shell in real Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => s?.close());

  it('a new merchant goes through the wizard, writes the recovery key back and opens the demo shop', async () => {
    await s.page.goto(s.url);
    await s.page.getByTestId('wizard-method-passphrase').waitFor();
    // The token left the address bar as soon as the page read it.
    expect(new URL(s.page.url()).searchParams.get('token')).toBeNull();
    const recoveryKey = await completeWizard(s.page, { demoShop: true, shot: s.screenshot });
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await s.page.getByTestId('demo-shop-card').waitFor();
    await s.screenshot('home-first-run');
  });

  it('every screen of the shell opens and shows a real empty state, not a placeholder', async () => {
    for (const id of SCREENS) {
      await s.page.getByTestId(`nav-${id}`).click();
      const screen = s.page.getByTestId(`screen-${id}`);
      await screen.waitFor();
      const text = await screen.innerText();
      expect(text.length, id).toBeGreaterThan(20);
      expect(text).not.toMatch(/TODO|placeholder|coming soon|敬请期待/i);
      await s.page.waitForTimeout(350); // let the menu's highlight transition finish before the picture
      await s.screenshot(`screen-${id}`);
    }
    expect(s.page.url()).toContain('#/settings');
  });

  it('locks, refuses a wrong passphrase with a Chinese message, and unlocks with the right one', async () => {
    await s.page.getByTestId('lock-button').click();
    await s.page.getByTestId('unlock-passphrase').waitFor();
    await s.page.getByTestId('unlock-passphrase').fill('not my passphrase');
    await s.page.getByTestId('unlock-submit').click();
    await s.page.getByText('密码不正确').waitFor();
    await s.screenshot('unlock-wrong-passphrase');
    await s.page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await s.page.getByTestId('unlock-submit').click();
    await s.page.getByTestId('screen-title').waitFor();
  });

  it('survives a reload: the token is kept for the tab, the vault state is read again', async () => {
    await s.page.reload();
    await s.page.getByTestId('screen-title').waitFor();
  });

  it('switches to English and back', async () => {
    await s.page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => s.page.getByTestId('nav-inventory').innerText()).toMatch(/Inventory|Stock/);
    await s.page.getByTestId('nav-home').click();
    await s.screenshot('home-english');
    await s.page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => s.page.getByTestId('nav-inventory').innerText()).toContain('库存');
  });

  it('the page has no Node: no require, no process, no module', async () => {
    const globals = await s.page.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process, typeof (globalThis as Record<string, unknown>).module]);
    expect(globals).toEqual(['undefined', 'undefined', 'undefined']);
  });

  it('the CSP blocks an injected inline script and an inline event handler', async () => {
    const outcome = await s.page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handler = true');
      img.src = 'data:,broken';
      document.body.appendChild(img);
      await new Promise((r) => setTimeout(r, 300));
      return { injected: w.__injected === true, handler: w.__handler === true, violations };
    });
    expect(outcome.injected).toBe(false);
    expect(outcome.handler).toBe(false);
    expect(outcome.violations.some((v) => v.startsWith('script-src'))).toBe(true);
  });

  it('the API refuses a request without the token, even from the page itself', async () => {
    const statuses = await s.page.evaluate(async () => {
      const rpc = await fetch('/api/rpc/vault.status', { method: 'POST', body: '{}' });
      const events = await fetch('/api/events');
      const contract = await fetch('/api/contract');
      return [rpc.status, events.status, contract.status];
    });
    expect(statuses).toEqual([401, 401, 401]);
  });

  it('the server does not answer on a non-loopback address', async () => {
    const port = Number(new URL(s.origin).port);
    const addresses = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
    expect(addresses.length).toBeGreaterThan(0);
    for (const host of addresses) {
      const result = await new Promise<string>((resolve) => {
        const socket = connect({ host, port });
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(result, host).toBe('ECONNREFUSED');
    }
  });

  it('left nothing in the console', () => {
    expect(s.problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
  });
});
