import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SUPPLIER_MERCHANT } from '../../src-main/sandbox/supplier/index.js';
import { completeWizard, openSession, type Session } from './harness.js';
import {
  addSupplier, api, applyFix, control, draftDirectProduct, editProduct, findProblem, messageAfter, openAftersales, openTopup, paidOrder,
  saveProduct, waitForAttempt,
} from './topup.page.js';

const DEMO_SHOP = '我的试用店铺';
const DEMO_PRODUCT_CODE = 'DEMO-IQIYI-M';
const DEMO_PRODUCT_NAME = '爱奇艺黄金会员月卡（演示）';
const SUPPLIER = '福禄沙箱';
const DIRECT = { name: '爱奇艺黄金会员月卡（直充）', code: 'IQIYI-GOLD-DIRECT', price: '25.90' };
/** Demo orders arrive every 20 s; top-ups finish within seconds of the supplier's answer. */
const WAIT_MS = 90_000;

describe('售后: one queue, one-click fixes, every fix in the ledger', () => {
  let session: Session;
  let page: Page;
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };

  /** Opens a problem's ledger drawer from its row. */
  async function openLedger(row: Locator, platformOrderId: string): Promise<Locator> {
    await row.getByTestId('problem-order').click();
    const drawer = page.locator('.ant-drawer:visible').filter({ hasText: `售后记录 · ${platformOrderId}` });
    await drawer.getByText('处理记录').waitFor();
    return drawer;
  }

  /** Lines a test already used, so each test works on an order of its own. */
  const used: number[] = [];

  /** A delivered line of a demo order not used yet (the demo shop sells a key every 20 s). */
  async function deliveredDemoLine(): Promise<{ lineId: number; orderId: number; platformOrderId: string }> {
    let line: { id: number; orderId: number; platformOrderId: string; productName: string | null } | undefined;
    await expect
      .poll(
        async () => {
          const page1 = await api(session, 'orders.list', { status: 'delivered', limit: 50 });
          line = page1.lines.find((l) => l.productName === DEMO_PRODUCT_NAME && !used.includes(l.id));
          return line !== undefined;
        },
        { timeout: WAIT_MS, interval: 1000 },
      )
      .toBe(true);
    used.push(line!.id);
    return { lineId: line!.id, orderId: line!.orderId, platformOrderId: line!.platformOrderId };
  }

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page, { demoShop: true });
    // A direct product on the sandbox supplier, set up the way the owner would.
    await openTopup(page, 'suppliers');
    await addSupplier(page, {
      name: SUPPLIER,
      appKey: SANDBOX_SUPPLIER_MERCHANT.appKey,
      appSecret: SANDBOX_SUPPLIER_MERCHANT.appSecret,
      appAuthToken: SANDBOX_SUPPLIER_MERCHANT.appAuthToken,
      endpoint: `${session.sandboxUrl}/supplier`,
    });
    await saveProduct(page, await draftDirectProduct(page, { ...DIRECT, via: { supplier: SUPPLIER, productId: '10000101' } }));
  });

  afterAll(async () => session?.close());

  it('keeps a direct order without a phone number as 待买家补充账号, and 填写充值账号 tops it up once', async () => {
    const orderId = await paidOrder(session, { shopName: DEMO_SHOP, productCode: DIRECT.code, title: '爱奇艺黄金会员月卡 官方直充', buyerMessage: '麻烦尽快，谢谢' });
    await openAftersales(page);
    const row = await findProblem(page, orderId, WAIT_MS);
    expect(await row.getByTestId('problem-kind').innerText()).toBe('待买家补充账号');
    expect(await row.getByTestId('problem-message').innerText()).toContain('没有找到有效的手机号');
    expect(await row.getByTestId('fix-set_account').isVisible()).toBe(true);
    await shot('aftersales-queue');

    const drawer = await openLedger(row, orderId);
    const done = await applyFix(page, drawer, 'set_account', { account: '139 0000 1111' });
    expect(done).toMatch(/^已处理，订单行现在是「.+」$/);
    // The fix is in the line's ledger with the (default) reason, and the problem left the queue.
    await drawer.getByTestId('ledger-entry').filter({ hasText: '买家在聊天里补充了充值账号' }).waitFor({ timeout: 30_000 });
    await drawer.getByTestId('ledger-left').waitFor({ timeout: 30_000 });
    await shot('aftersales-ledger');
    await page.keyboard.press('Escape');

    await openTopup(page, 'attempts');
    const attempt = await waitForAttempt(page, orderId, '充值成功', WAIT_MS);
    expect(await attempt.innerText()).toContain('139****1111');
    const supplier = await control<{ orders: { chargeAccount: string }[] }>(session, 'supplier/state');
    expect(supplier.orders.filter((o) => o.chargeAccount === '13900001111')).toHaveLength(1);
  });

  it('replaces a key the buyer reports invalid, with the reason in the ledger and the batch quality counting it', async () => {
    const line = await deliveredDemoLine();
    const before = await api(session, 'orders.get', { orderId: line.orderId });
    const oldKeys = before.lines.find((l) => l.id === line.lineId)!.keys.map((k) => k.secretMasked);
    // What the owner learns from the buyer's chat; the queue is where it is handled.
    await api(session, 'aftersales.reportInvalid', { lineId: line.lineId, reason: '买家说卡密提示已被使用' });

    await openAftersales(page);
    const row = await findProblem(page, line.platformOrderId);
    expect(await row.getByTestId('problem-kind').innerText()).toBe('买家反馈卡密无效');
    expect(await row.getByTestId('problem-keys').innerText()).toContain(oldKeys[0]!);

    const drawer = await openLedger(row, line.platformOrderId);
    const done = await applyFix(page, drawer, 'replace', { reason: '核实后换卡' });
    expect(done.length).toBeGreaterThan(0);
    await drawer.getByTestId('ledger-entry').filter({ hasText: '核实后换卡' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');

    await openAftersales(page, 'quality');
    const demoRows = page.getByTestId('quality-table').locator('.ant-table-row').filter({ hasText: DEMO_PRODUCT_NAME });
    await demoRows.first().waitFor();
    // Columns: 批次, 商品, 供应商, 已发出, 索赔, 换卡, 索赔率.
    const replaced = await demoRows.evaluateAll((rows) => rows.reduce((sum, r) => sum + Number(r.querySelectorAll('td')[5]?.textContent?.replace(/\D/g, '') ?? 0), 0));
    expect(replaced).toBeGreaterThanOrEqual(1);
    await shot('aftersales-quality');
  });

  it('records a refund made after delivery with its amount and reason', async () => {
    const line = await deliveredDemoLine();
    await control(session, 'taobao/refund', { orderId: line.platformOrderId });
    await openAftersales(page);
    const row = await findProblem(page, line.platformOrderId, WAIT_MS);
    expect(await row.getByTestId('problem-kind').innerText()).toBe('发货后退款');

    const drawer = await openLedger(row, line.platformOrderId);
    const done = await applyFix(page, drawer, 'record_refund', { amount: '19.90', reason: '买家申请仅退款，已同意' });
    expect(done.length).toBeGreaterThan(0);
    await drawer.getByTestId('ledger-entry').filter({ hasText: '买家申请仅退款，已同意' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
  });

  it('keeps a card product\'s redemption reminder and checks redemption on demand', async () => {
    const drawer = await editProduct(page, DEMO_PRODUCT_CODE);
    await drawer.getByTestId('supply-remind-days').fill('7');
    expect(await saveProduct(page, drawer)).toBe(`已保存商品「${DEMO_PRODUCT_NAME}」`);
    const again = await editProduct(page, DEMO_PRODUCT_CODE);
    expect(await again.getByTestId('supply-remind-days').inputValue()).toBe('7');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'hidden' });

    await openAftersales(page, 'redemption');
    const row = page.getByTestId('redemption-table').locator('.ant-table-row').filter({ hasText: DEMO_PRODUCT_NAME });
    await row.waitFor({ timeout: WAIT_MS });
    // A reminder alone gives no way to ask anyone: 立即检查 says what is missing instead of pretending.
    const checked = await messageAfter(page, () => page.getByTestId('redemption-check-all').click());
    expect(checked.length).toBeGreaterThan(0);
    expect(await row.innerText()).toContain('还没检查过');
    await shot('aftersales-redemption');
  });

  it('left nothing in the console', () => {
    expect(session.problems).toEqual([]);
  });
});
