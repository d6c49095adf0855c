import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_SUPPLIER_MERCHANT } from '../../src-main/sandbox/supplier/index.js';
import { completeWizard, openSession, type Session } from './harness.js';
import {
  addSupplier, addSupplierDraft, control, draftDirectProduct, editProduct, lookupGoods, openAttempt, openTopup, paidOrder,
  previewAccount, saveProduct, supplierRow, waitForAttempt,
} from './topup.page.js';

/** The demo shop of the first-run wizard (`demoShop.defaultName`). */
const DEMO_SHOP = '我的试用店铺';
const SUPPLIER = '福禄沙箱';
/** Sandbox goods 10000101: 爱奇艺黄金会员月卡（直充）, cost ¥18.80, phone numbers only. */
const GOODS_ID = '10000101';
const SUPPLIER_PRODUCT = { name: '爱奇艺黄金会员月卡（直充）', code: 'IQIYI-GOLD-DIRECT', price: '25.90' };
/** Supplier orders finish this long after they are placed, plus the core's polling. */
const TOPUP_WAIT_MS = 90_000;

interface SupplierState {
  orders: { chargeAccount: string; state: string; costFen: number }[];
}

describe('代充 with the sandbox supplier and video site', () => {
  let session: Session;
  let page: Page;
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await session.screenshot(name);
  };

  beforeAll(async () => {
    session = await openSession();
    page = session.page;
    await page.goto(session.url);
    await completeWizard(page, { demoShop: true });
  });

  afterAll(async () => session?.close());

  it('refuses a wrong secret on the form, then connects the sandbox supplier with its balance and goods', async () => {
    await openTopup(page, 'suppliers');
    const endpoint = `${session.sandboxUrl}/supplier`;
    const refused = await addSupplierDraft(page, { name: SUPPLIER, appKey: SANDBOX_SUPPLIER_MERCHANT.appKey, appSecret: 'not-the-secret', endpoint });
    // The core checks the credentials by reading the balance: the problem stays on the open form.
    await refused.locator('[data-testid="supplier-form-error"], .ant-form-item-explain-error').first().waitFor();
    await shot('topup-supplier-refused');
    await page.keyboard.press('Escape');
    await refused.waitFor({ state: 'hidden' });
    expect(await supplierRow(page, SUPPLIER).count()).toBe(0);

    const added = await addSupplier(page, {
      name: SUPPLIER,
      appKey: SANDBOX_SUPPLIER_MERCHANT.appKey,
      appSecret: SANDBOX_SUPPLIER_MERCHANT.appSecret,
      appAuthToken: SANDBOX_SUPPLIER_MERCHANT.appAuthToken,
      endpoint,
    });
    expect(added).toBe(`已添加供应商「${SUPPLIER}」`);
    const row = supplierRow(page, SUPPLIER);
    expect(await row.getByTestId('supplier-status').innerText()).toBe('正常');
    expect(await row.innerText()).toContain('沙箱');
    expect(await row.getByTestId('supplier-balance').innerText()).toBe('¥5,000.00');

    const goods = await lookupGoods(page, SUPPLIER, GOODS_ID);
    expect(goods).toContain('爱奇艺黄金会员月卡（直充）');
    expect(goods).toContain('¥18.80');
    expect(goods).toContain('在售');
    await shot('topup-suppliers');
  });

  it('sets a direct product to the supplier route, previews the account rule on buyer messages, and keeps it', async () => {
    const drawer = await draftDirectProduct(page, { ...SUPPLIER_PRODUCT, via: { supplier: SUPPLIER, productId: GOODS_ID } });
    await drawer.getByTestId('supply-goods-query').click();
    expect(await drawer.getByTestId('supplier-goods-price').innerText()).toBe('¥18.80');

    // Full-width digits and spaces, as buyers type them on phones.
    expect(await previewAccount(drawer, '帮我充 １３８ 1234 5678，谢谢')).toBe('会充值到：138****5678');
    expect(await previewAccount(drawer, '我的QQ是 12345678')).toContain('买家留言里没有找到有效的手机号');
    await drawer.getByTestId('supply-preview').scrollIntoViewIfNeeded();
    await shot('topup-product-supply');
    expect(await saveProduct(page, drawer)).toBe(`已新增商品「${SUPPLIER_PRODUCT.name}」`);

    const again = await editProduct(page, SUPPLIER_PRODUCT.code);
    expect(await again.getByTestId('supply-supplier-product').inputValue()).toBe(GOODS_ID);
    expect(await again.getByTestId('supply-supplier').innerText()).toContain(SUPPLIER);
    expect(await again.getByTestId('supply-account-rule').innerText()).toContain('手机号');
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'hidden' });
  });

  it('tops up a paid order once through the supplier, with the account masked on every screen', async () => {
    const orderId = await paidOrder(session, { shopName: DEMO_SHOP, productCode: SUPPLIER_PRODUCT.code, title: '爱奇艺黄金会员月卡 官方直充', buyerMessage: '请充到 138 1234 5678' });

    await openTopup(page, 'attempts');
    const row = await waitForAttempt(page, orderId, '充值成功', TOPUP_WAIT_MS);
    const text = await row.innerText();
    expect(text).toContain('138****5678');
    expect(text).toContain('¥18.80');
    expect(text).toContain(SUPPLIER);
    expect(text).not.toContain('13812345678');
    await shot('topup-attempts');

    const drawer = await openAttempt(page, orderId);
    expect(await drawer.getByTestId('topup-detail').innerText()).toContain('供应商接口');
    expect(await drawer.innerText()).toContain('供应商接口充值没有截图');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The buyer was recharged exactly once, on the account from the message.
    const supplier = await control<SupplierState>(session, 'supplier/state');
    expect(supplier.orders.filter((o) => o.chargeAccount === '13812345678')).toEqual([expect.objectContaining({ state: 'success', costFen: 1880 })]);
  });

  it('left nothing in the console', () => {
    expect(session.problems).toEqual([]);
  });
});
