import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWizard, openSession, type Session } from './harness.js';

/** The demo shop, product and price the wizard creates (sandbox-link.ts). */
const DEMO_SHOP = '我的试用店铺';
const DEMO_PRODUCT_CODE = 'DEMO-IQIYI-M';
const DEMO_PRODUCT_NAME = '爱奇艺黄金会员月卡（演示）';
/** A buyer nick that must only ever show masked. */
const BUYER_NICK = '王小明同学';
/** Polled every 10 s and pushed in serve mode: a paid order is delivered well within this. */
const DELIVERY_WAIT_MS = 45_000;

interface SimState {
  shops: { shopId: string; name: string }[];
  items: { shopId: string; itemId: string; outerId: string; title: string }[];
}

describe('工作台 with the demo shop of the first-run wizard', () => {
  let session: Session;
  let page: Page;
  let demo: { shopId: string; itemId: string };
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };

  async function control<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${session.sandboxUrl}/_control/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`sandbox ${path}: ${JSON.stringify(json)}`);
    return json;
  }

  const figure = (key: string): Locator => page.getByTestId(`home-figure-${key}`);
  const today = (key: string) => figure(key).getByTestId('today').innerText();
  const recentRows = () => page.getByTestId('home-recent-table').locator('.ant-table-row');

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page, { demoShop: true });
    // The demo's buyer orders every 20 s; this test places its own orders, so the counts stay exact.
    const state = await control<SimState>('taobao/state');
    const item = state.items.find((i) => i.outerId === DEMO_PRODUCT_CODE)!;
    demo = { shopId: item.shopId, itemId: item.itemId };
    await control('taobao/autopilot', { shopId: demo.shopId, itemIds: [demo.itemId], everyMs: 0 });
  });

  afterAll(async () => session?.close());

  it('counts the demo order, and shows a new delivery in 最近发货 as it goes out', async () => {
    // The wizard's first demo order: 1 order, ¥19.90, delivered, nothing waiting.
    await expect.poll(() => today('orders'), { timeout: DELIVERY_WAIT_MS }).toBe('1');
    await expect.poll(() => today('successRate'), { timeout: DELIVERY_WAIT_MS }).toBe('100%');
    expect(await today('revenue')).toBe('¥19.90');
    expect(await figure('orders').getByTestId('week').innerText()).toBe('本周 1');
    expect(await today('delivery')).toMatch(/^(不到 1 秒|\d+ 秒)$/);
    await page.getByTestId('home-problems-done').getByText('都处理完了').waitFor();
    await expect.poll(() => recentRows().count()).toBe(1);
    const first = await recentRows().first().innerText();
    for (const text of [DEMO_SHOP, '淘宝/天猫', DEMO_PRODUCT_NAME, '× 1', '¥19.90']) expect(first).toContain(text);
    // Every step done: the getting-started card made way for the figures.
    await page.getByTestId('getting-started').waitFor({ state: 'detached' });

    // A buyer pays while the owner watches: no reload, the row arrives on top, highlighted.
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).__sameDocument = true));
    const order = await control<{ orderId: string }>('taobao/createOrder', {
      shopId: demo.shopId, lines: [{ itemId: demo.itemId, quantity: 2 }], buyer: { nick: BUYER_NICK }, pay: true,
    });
    await expect.poll(() => recentRows().count(), { timeout: DELIVERY_WAIT_MS }).toBe(2);
    const newest = recentRows().first();
    expect(await newest.getAttribute('data-fresh')).toBe('true');
    expect(await newest.innerText()).toContain('× 2');
    expect(await newest.innerText()).toContain('¥39.80');
    await expect.poll(() => today('orders')).toBe('2');
    expect(await today('revenue')).toBe('¥59.70');
    expect(await today('successRate')).toBe('100%');
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__sameDocument)).toBe(true);
    expect(await page.getByTestId('screen-home').innerText()).not.toContain(BUYER_NICK);
    expect((await control<{ status: string }>('taobao/order', { orderId: order.orderId })).status).toBe('shipped');

    // A busy minute, for the picture: six more buyers.
    await control('taobao/createOrder', { shopId: demo.shopId, lines: [{ itemId: demo.itemId, quantity: 1 }], pay: true, count: 6 });
    await expect.poll(() => today('orders'), { timeout: DELIVERY_WAIT_MS }).toBe('8');
    await expect.poll(() => recentRows().count()).toBe(8);
    expect(await today('revenue')).toBe('¥179.10');
    await shot('home');
  });

  it('counts an order that needs the owner under 售后, and the link opens the 售后 queue', async () => {
    const item = await control<{ itemId: string }>('taobao/createItem', { shopId: demo.shopId, title: '腾讯视频月卡（还没有上架到库存）', priceFen: 1500, outerId: 'TX-NOT-IN-STOCK' });
    await control('taobao/createOrder', { shopId: demo.shopId, lines: [{ itemId: item.itemId, quantity: 1 }], pay: true });
    const afterSales = page.getByTestId('home-problem-afterSales');
    await expect.poll(() => afterSales.getAttribute('data-count'), { timeout: DELIVERY_WAIT_MS }).toBe('1');
    expect(await afterSales.getByTestId('count').innerText()).toBe('1');
    expect(await page.getByTestId('home-problem-riskHolds').getAttribute('data-count')).toBe('0');
    // Paid but not deliverable: counted as an order, not yet as a success.
    await expect.poll(() => today('orders')).toBe('9');
    expect(await today('successRate')).toBe('88.8%');
    await shot('home-problems');
    await afterSales.click();
    await page.getByTestId('screen-aftersales').waitFor();
    expect(page.url()).toContain('#/aftersales/queue');
    await page.getByTestId('problem-table').getByText('腾讯视频月卡').waitFor();
  });

  it('left nothing in the console', () => {
    expect(session.problems).toEqual([]);
  });
});
