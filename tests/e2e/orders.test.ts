import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeWizard, openSession, type Session } from './harness.js';
import {
  addShopDraft, filterOrders, lineKeys, mapLine, openOrder, openOrders, openShops, orderLine, orderRow, ordersTable,
  shopFieldError, shopStatus, testShop, timelineTitles, closeShopDrawer,
} from './orders.page.js';

/** What the wizard calls the demo shop unless the newcomer renames it (`demoShop.defaultName`). */
const DEMO_SHOP = '我的试用店铺';
/** The demo product the wizard creates (sandbox-link.ts), and the item title its orders carry. */
const DEMO_PRODUCT_CODE = 'DEMO-IQIYI-M';
const DEMO_PRODUCT_NAME = '爱奇艺黄金会员月卡（演示）';
/** A demo key in full (`DEMO-` and three groups of four hex digits): must never be on screen. */
const FULL_DEMO_KEY = /DEMO(-[0-9A-F]{4}){3}/;
/** A new demo order every 20 s, polled every 10 s (and pushed in serve mode): one shows within the minute. */
const LIVE_WAIT_MS = 60_000;

interface SimState {
  shops: { shopId: string; name: string }[];
  items: { shopId: string; itemId: string; outerId: string; title: string }[];
}

describe('订单 and 店铺 with the demo shop of the first-run wizard', () => {
  let session: Session;
  let page: Page;
  // antd animates drawers, modals and tags for ~0.3 s: let them settle so each picture shows what the owner reads.
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };

  /** The sandbox's control API (what the demo itself uses to play the buyer). */
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

  /** 已发货 tags in the (rendered part of the) orders table. */
  const deliveredInTable = () => ordersTable(page).getByTestId('line-status').filter({ hasText: /^已发货$/ }).count();

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page, { demoShop: true });
  });

  afterAll(async () => session?.close());

  it('shows demo orders going out live, and an order with masked keys and its whole timeline', async () => {
    await openOrders(page);
    // A reload would drop this: its presence at the end proves the table updated in place.
    await page.evaluate(() => ((window as unknown as Record<string, unknown>).__sameDocument = true));
    const before = await deliveredInTable();
    await expect.poll(deliveredInTable, { timeout: LIVE_WAIT_MS, interval: 500 }).toBeGreaterThan(before);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__sameDocument)).toBe(true);
    const counts = await page.getByTestId('orders-count').innerText();
    expect(counts).toMatch(/^已显示 \d+ 行，共 \d+ 行$/);
    await shot('orders-list');

    const delivered = ordersTable(page).locator('.ant-table-row').filter({ has: page.getByTestId('line-status').getByText('已发货', { exact: true }) }).first();
    const orderId = (await delivered.locator('.ant-table-cell').nth(2).innerText()).trim();
    expect(orderId).toMatch(/^\d+$/);
    expect(await orderRow(page, orderId).innerText()).toContain(DEMO_SHOP);

    const drawer = await openOrder(page, orderId);
    const line = orderLine(drawer, DEMO_PRODUCT_NAME);
    const keys = await lineKeys(line);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^DEMO\*{4}[0-9A-F]{2}$/);
    const titles = await timelineTitles(drawer);
    for (const title of ['收到订单', '已锁定卡密', '平台已确认发货']) expect(titles).toContain(title);
    expect(titles.indexOf('收到订单')).toBeLessThan(titles.indexOf('已锁定卡密'));
    expect(titles.indexOf('已锁定卡密')).toBeLessThan(titles.indexOf('平台已确认发货'));
    const text = await drawer.innerText();
    expect(text).toContain('****');
    expect(text).not.toMatch(FULL_DEMO_KEY);
    // The picture shows the line with its key and the timeline under it (the header is above, scrolled away).
    await drawer.getByText('订单行（1）').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('orders-detail');

    // Not even in what the platform sent or answered: every raw payload, unfolded.
    const payloads = drawer.getByTestId('timeline-entry').getByText('原始报文', { exact: true });
    for (let i = 0; i < (await payloads.count()); i++) await payloads.nth(i).click();
    await expect.poll(() => drawer.getByTestId('timeline-payload').count()).toBe(await payloads.count());
    expect(await drawer.innerText()).not.toMatch(FULL_DEMO_KEY);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('lists the demo shop as 正常 with a working 测试连接, and keeps a missing field on the add form', async () => {
    await openShops(page);
    expect(await shopStatus(page, DEMO_SHOP)).toBe('正常');
    const notice = await testShop(page, DEMO_SHOP);
    expect(notice).toContain(`「${DEMO_SHOP}」连接正常`);
    expect(notice).toMatch(/用时 \d+ 毫秒/);
    await shot('shops');

    // 淘宝 without its SessionKey: refused on the field, in Chinese, before anything is sent.
    await addShopDraft(page, { platform: '淘宝/天猫', name: '旗舰店', credentials: { appKey: '12345678', appSecret: 'not-a-real-secret' } });
    const error = shopFieldError(page, 'shop-credential-accessToken');
    await error.getByText('请填写SessionKey（卖家授权码）').waitFor();
    expect(await page.locator('.ant-message-notice').count()).toBe(0);
    await shot('shops-add');
    await closeShopDrawer(page);
    expect(await page.getByTestId('shops-table').locator('[data-testid="shop-name-cell"]').allInnerTexts()).toEqual([DEMO_SHOP]);
  });

  it('holds an order for an item that matches no product, and delivers it once the item is mapped', async () => {
    const state = await control<SimState>('taobao/state');
    const demoItem = state.items.find((i) => i.outerId === DEMO_PRODUCT_CODE);
    expect(demoItem).toBeDefined();
    const simShop = state.shops.find((s) => s.shopId === demoItem!.shopId);
    expect(simShop?.name).toBe(DEMO_SHOP);
    const item = await control<{ itemId: string }>('taobao/createItem', {
      shopId: simShop!.shopId, title: '优酷VIP会员周卡（未上架到库存）', priceFen: 590, outerId: 'YOUKU-WEEK-NOT-IN-STOCK',
    });
    const order = await control<{ orderId: string }>('taobao/createOrder', { shopId: simShop!.shopId, lines: [{ itemId: item.itemId, quantity: 1 }], pay: true });

    await openOrders(page);
    await filterOrders(page, { problems: true });
    const row = orderRow(page, order.orderId);
    await row.getByTestId('line-status').getByText('未关联商品', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('未关联');

    const drawer = await openOrder(page, order.orderId);
    const line = orderLine(drawer, '优酷VIP会员周卡');
    expect(await line.getByTestId('line-status').innerText()).toBe('未关联商品');
    expect(await line.innerText()).toContain('YOUKU-WEEK-NOT-IN-STOCK');
    const done = await mapLine(page, line, { product: DEMO_PRODUCT_NAME, beforeOk: () => shot('orders-mapping') });
    expect(done).toBe('已关联，已发出 1 单');
    await line.getByTestId('line-status').getByText('已发货', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await lineKeys(line)).toEqual([expect.stringMatching(/^DEMO\*{4}[0-9A-F]{2}$/)]);
    expect(await timelineTitles(drawer)).toEqual(expect.arrayContaining(['未关联本地商品', '已关联商品', '平台已确认发货']));
    await shot('orders-mapped');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    // Delivered, it left the problem queue.
    await row.waitFor({ state: 'detached' });

    const sim = await control<{ status: string; deliveries: unknown[] }>('taobao/order', { orderId: order.orderId });
    expect(sim.status).toBe('shipped');
    expect(sim.deliveries).toHaveLength(1);
  });

  it('left nothing in the console', () => {
    expect(session.problems).toEqual([]);
  });
});
