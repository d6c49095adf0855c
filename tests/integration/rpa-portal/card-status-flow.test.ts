// videoPortalCardStatus in real Chromium: what the owner learns when a buyer says a key does not work.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { videoPortalCardStatus } from '../../../src-main/core/rpa/flows/index.js';
import { DEMO, PORTAL, usePortal } from './harness.js';
import { launchChromium, runFlow } from './runner.js';

const h = usePortal();
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
}, 6 * 60_000);
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

const lookUp = (secret: string) =>
  runFlow(videoPortalCardStatus, {
    page,
    input: { secret },
    account: { id: '1', portal: PORTAL, baseUrl: h.base, username: DEMO.username, password: DEMO.password },
  });

describe('videoPortalCardStatus', () => {
  it('reads 未使用, 已兑换 (with the redemption time), 无效 and 不存在 without logging the secret', async () => {
    await h.registerCard('IQY-UNUSED-7788');
    await h.registerCard('IQY-USED-5566');
    await h.registerCard('IQY-DEAD-3344', 'iqiyi-gold-month', 'invalid');
    const redeemedAt = h.now - 3_600_000;
    h.world.redeem('IQY-USED-5566', '13800138000', redeemedAt);

    const cases = [
      ['IQY-UNUSED-7788', { status: 'unused', redeemedAt: null }],
      ['IQY-USED-5566', { status: 'redeemed', redeemedAt }],
      ['IQY-DEAD-3344', { status: 'invalid', redeemedAt: null }],
      ['IQY-NEVER-0000', { status: 'unknown', redeemedAt: null }],
    ] as const;
    for (const [secret, output] of cases) {
      const run = await lookUp(secret);
      expect(run, secret).toMatchObject({ status: 'done', output });
      expect(run.steps).toEqual(['open-card-status', 'fill-secret', 'submit-query', 'read-status']);
      expect(run.notes.join('\n')).not.toContain(secret);
    }
    // Looking a card up never redeems it.
    expect(h.world.card('IQY-UNUSED-7788')?.status).toBe('unused');
  });
});
