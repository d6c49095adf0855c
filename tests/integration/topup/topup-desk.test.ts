// 直充 end to end over HTTP: a 抖店 sandbox order carrying the buyer's account is topped up through the
// sandbox supplier (or the sandbox portal by RPA), reported back with topup.result, and the membership
// world shows exactly one recharge per order — also when replies are lost and when the supplier fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformSimulators, startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createSupplierSimulator, SANDBOX_SUPPLIER_MERCHANT } from '../../../src-main/sandbox/supplier/index.js';
import { createVideoPortal, SANDBOX_PORTAL_ACCOUNT } from '../../../src-main/sandbox/portal/index.js';
import { MembershipWorld } from '../../../src-main/sandbox/membership/world.js';
import type { Core } from '../../../src-main/core/index.js';
import { expectOk, unlockedCore } from '../../helpers/core.js';
import { addProduct } from '../../helpers/inventory.js';
import { connectSandboxShop, type Control, sandboxControl } from '../../helpers/sandbox-shop.js';
import { paramsSign } from '../../../src-main/sandbox/supplier/protocol.js';
import { receiveSupplierCallback } from '../../../src-main/core/topup/supplier-callback.js';

let sandbox: Sandbox;
let core: Core;
let control: Control;
let world: MembershipWorld;

beforeEach(async () => {
  world = new MembershipWorld();
  sandbox = await startSandbox({
    simulators: [...platformSimulators({ clock: () => Date.now() - 3000 }), createSupplierSimulator({ world }), createVideoPortal({ world })],
  });
  control = sandboxControl(sandbox.url);
  await control('supplier/setBehaviour', { processingMs: 50 });
  core = (await unlockedCore({ sandboxUrl: sandbox.url, background: false })).core;
});

afterEach(async () => {
  core.services.orders.stop();
  await core.services.topup.stop();
  core.close();
  await sandbox.close();
});

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lineOf = (orderId: string) =>
  core.services.sqlite.prepare('select id, status, last_error as error, recharge_account_masked as masked from order_lines where platform_order_id = ?').get(orderId) as { id: number; status: string; error: string | null; masked: string | null };

async function directProduct(route: 'supplier' | 'rpa'): Promise<number> {
  const productId = await addProduct(core, 'IQIYI-DIRECT', { type: 'direct' });
  if (route === 'supplier') {
    const supplier = expectOk<{ id: number }>(await core.call('suppliers.add', {
      name: '福禄沙箱',
      credentials: { appKey: SANDBOX_SUPPLIER_MERCHANT.appKey, appSecret: SANDBOX_SUPPLIER_MERCHANT.appSecret, appAuthToken: SANDBOX_SUPPLIER_MERCHANT.appAuthToken, endpoint: `${sandbox.url}/supplier` },
    }));
    expectOk(await core.call('supply.set', { productId, route: 'supplier', supplierId: supplier.id, supplierProductId: '10000101', accountRule: 'phone' }));
  } else {
    const portal = expectOk<{ id: number }>(await core.call('portals.add', { name: '爱奇艺沙箱', baseUrl: `${sandbox.url}/video-portal`, username: SANDBOX_PORTAL_ACCOUNT.username, password: SANDBOX_PORTAL_ACCOUNT.password }));
    expectOk(await core.call('supply.set', { productId, route: 'rpa', portalAccountId: portal.id, packageId: 'iqiyi-gold-month', accountRule: 'phone' }));
  }
  return productId;
}

async function order(account: string | null, message?: string): Promise<string> {
  const { shopId, simShop, itemId } = await connectSandboxShop(core, { url: sandbox.url, control }, 'doudian', { productCode: 'IQIYI-DIRECT' });
  const created = await control<{ orderId: string }>('doudian/createOrder', {
    shopId: simShop.shopId, lines: [{ itemId, quantity: 1, ...(account && { rechargeAccount: account }) }], pay: true, ...(message && { buyerMessage: message }),
  });
  await core.services.orders.start();
  core.services.topup.desk.start();
  await core.services.orders.pollers.poll(shopId);
  return created.orderId;
}

describe('direct top-up (直充)', () => {
  it('tops up through the supplier once and reports back to 抖店', async () => {
    await directProduct('supplier');
    const orderId = await order('13800138000');
    await waitFor(() => lineOf(orderId).status === 'delivered');
    expect(lineOf(orderId).masked).toBe('138****8000');
    expect(world.rechargesOf('13800138000')).toHaveLength(1);
    const sim = await control<{ orders: { orderId: string; status: string }[] }>('doudian/state');
    expect(sim.orders.find((o) => o.orderId === orderId)?.status).toMatch(/shipped|3/);
    const list = expectOk<{ attempts: { state: string }[] }>(await core.call('topup.list', {}));
    expect(list.attempts.map((a) => a.state)).toEqual(['success']);
  });

  it('a lost supplier reply is reconciled by order query, never a second order', async () => {
    await directProduct('supplier');
    await control('supplier/setBehaviour', { lostReplyRate: 1 });
    const orderId = await order('13900139000');
    await waitFor(() => core.services.sqlite.prepare('select count(*) as n from topup_attempts where error is not null').get() !== undefined && world.recharges.length > 0);
    await control('supplier/setBehaviour', { lostReplyRate: 0 });
    await waitFor(() => lineOf(orderId).status === 'delivered');
    expect(world.doubleTopups()).toEqual([]);
    expect(world.rechargesOf('13900139000')).toHaveLength(1);
  });

  it('failed-and-refunded is retried with a new order number; failed-not-refunded waits for the owner', async () => {
    await directProduct('supplier');
    await control('supplier/setBehaviour', { outcomes: { failed_not_refunded: 1 } });
    const orderId = await order('13700137000');
    await waitFor(() => lineOf(orderId).status === 'failed');
    expect(lineOf(orderId).error).toContain('未退款');
    expect(world.recharges).toHaveLength(0);
    await control('supplier/setBehaviour', { outcomes: { success: 1 } });
    expectOk(await core.call('topup.retry', { lineId: lineOf(orderId).id, reason: '供应商已退款' }));
    await waitFor(() => lineOf(orderId).status === 'delivered');
    expect(world.rechargesOf('13700137000')).toHaveLength(1);
  });

  it('a missing or wrong account asks the buyer; the owner fills it in and it is topped up', async () => {
    await directProduct('supplier');
    const orderId = await order('12345');
    await waitFor(() => lineOf(orderId).status === 'ask_buyer');
    expect(lineOf(orderId).error).toContain('不是有效的手机号');
    const bad = await core.call('topup.setAccount', { lineId: lineOf(orderId).id, account: 'abc', reason: '买家旺旺补充' });
    expect(bad.ok).toBe(false);
    expectOk(await core.call('topup.setAccount', { lineId: lineOf(orderId).id, account: '13600136000', reason: '买家在聊天里补充' }));
    await waitFor(() => lineOf(orderId).status === 'delivered');
    expect(world.rechargesOf('13600136000')).toHaveLength(1);
  });

  it('tops up through the portal by RPA, with screenshots kept as evidence', { timeout: 90_000 }, async () => {
    await directProduct('rpa');
    const orderId = await order('13500135000');
    await waitFor(() => lineOf(orderId).status === 'delivered', 60_000);
    expect(world.rechargesOf('13500135000')).toHaveLength(1);
    const list = expectOk<{ attempts: { id: number; evidence: { file: string }[] }[] }>(await core.call('topup.list', {}));
    expect(list.attempts[0]!.evidence.length).toBeGreaterThan(3);
    const image = expectOk<{ base64: string }>(await core.call('topup.evidenceImage', { attemptId: list.attempts[0]!.id, file: list.attempts[0]!.evidence[0]!.file }));
    expect(Buffer.from(image.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('a changed portal layout fails clearly with a screenshot and goes to the problem queue', { timeout: 90_000 }, async () => {
    await directProduct('rpa');
    await control('video-portal/setFaults', { layout: 'v2' });
    const orderId = await order('13400134000');
    await waitFor(() => lineOf(orderId).status === 'failed', 60_000);
    expect(lineOf(orderId).error).toContain('页面结构变了');
    const list = expectOk<{ attempts: { evidence: { ok: boolean }[] }[] }>(await core.call('topup.list', {}));
    expect(list.attempts[0]!.evidence.some((e) => !e.ok)).toBe(true);
    expect(world.recharges).toHaveLength(0);
  });

  it('callbacks: a forged one is refused, an unknown order is not acknowledged, a replay changes nothing', async () => {
    await directProduct('supplier');
    const orderId = await order('13300133000');
    await waitFor(() => lineOf(orderId).status === 'delivered');
    const t = core.services.topup;
    const cno = (core.services.sqlite.prepare('select customer_order_no as no from topup_attempts').get() as { no: string }).no;
    const call = (fields: Record<string, unknown>, secret: string = SANDBOX_SUPPLIER_MERCHANT.appSecret) => {
      const body = { order_id: 'S1', customer_order_no: fields.customer_order_no, order_status: 'success', charge_finish_time: '2026-12-06 12:00:00', recharge_description: '充值成功', ...fields };
      const signed = { ...body, sign: paramsSign(body, secret) };
      return receiveSupplierCallback(t.suppliers, t.desk, core.services.log, '1', { headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(signed)), query: new URLSearchParams() });
    };
    expect(call({ customer_order_no: cno }, 'wrong-secret-wrong-secret-wrong!').status).toBe(401);
    expect(call({ customer_order_no: 'KD-NOT-OURS' }).status).toBe(404);
    expect(call({ customer_order_no: cno }).body).toBe('success');
    expect(call({ customer_order_no: cno }).body).toBe('success');
    await new Promise((r) => setTimeout(r, 300));
    expect(lineOf(orderId).status).toBe('delivered');
    expect(world.rechargesOf('13300133000')).toHaveLength(1);
  });
});
