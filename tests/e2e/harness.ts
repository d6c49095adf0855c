import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServe } from '../helpers/cli.js';

export const CHROMIUM = process.env.KEYDESK_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS_DIR = process.env.KEYDESK_SHOTS ?? join('test-results', 'screenshots');

export interface Session {
  context: BrowserContext;
  page: Page;
  url: string;
  origin: string;
  token: string;
  /** The sandbox (simulated platforms) of this `keydesk serve --sandbox`; its control API is under `/_control/`. */
  sandboxUrl: string;
  dataDir: string;
  /** Console errors and uncaught page errors seen so far. */
  problems: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real `keydesk serve --sandbox` on a fresh data folder and a real headless Chromium driving the
 * built renderer, the way a merchant's browser would.
 */
export async function openSession(opts: { locale?: string; dataDir?: string; env?: Record<string, string> } = {}): Promise<Session> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'keydesk-e2e-'));
  const server = startServe(['--data-dir', dataDir, '--port', '0', '--sandbox'], opts.env);
  const { url, origin, token, sandboxUrl } = await server.ready;
  if (!sandboxUrl) throw new Error(`keydesk serve --sandbox printed no sandbox URL:\n${server.output()}`);
  const profile = mkdtempSync(join(tmpdir(), 'keydesk-chromium-'));
  // A fresh profile per session (Playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
    viewport: { width: 1366, height: 860 },
    locale: opts.locale ?? 'zh-CN',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Resource-load lines are the browser reporting an HTTP status the page already handles.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
  });
  mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    context, page, url, origin, token, sandboxUrl, dataDir, problems,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: false });
    },
    close: async () => {
      await context.close();
      await server.stop();
      rmSync(profile, { recursive: true, force: true });
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const PASSPHRASE = 'e2e passphrase 2026';

/** Goes through the first-run wizard with a passphrase; returns the recovery key it showed. */
export async function completeWizard(page: Page, opts: { demoShop?: boolean; shot?: (name: string) => Promise<void> } = {}): Promise<string> {
  await page.getByTestId('wizard-method-passphrase').click();
  await page.getByTestId('wizard-passphrase').fill(PASSPHRASE);
  await page.getByTestId('wizard-passphrase-confirm').fill(PASSPHRASE);
  await opts.shot?.('wizard-1-protection');
  await page.getByTestId('wizard-next').click();
  const keyEl = page.getByTestId('recovery-key');
  await keyEl.waitFor();
  const recoveryKey = (await keyEl.getAttribute('data-recovery-key'))!;
  await opts.shot?.('wizard-2-recovery-key');
  await page.getByTestId('recovery-confirm-input').fill(recoveryKey);
  await page.getByTestId('recovery-confirm-button').click();
  await page.getByTestId('recovery-confirmed').waitFor();
  await page.getByTestId('wizard-next').click();
  if (opts.demoShop) {
    await page.getByTestId('demo-shop-switch').click();
    await opts.shot?.('wizard-3-demo-shop');
  }
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-finish').click();
  await page.getByTestId('screen-home').waitFor();
  return recoveryKey;
}
