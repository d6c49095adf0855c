// Top-up (直充) results reported through each platform's own call, adapter against simulator over real HTTP:
// 抖店 topup.result, 拼多多 pdd.virtual.mobile.charge.notify, and 淘宝 (no such call) still confirming by deliver().
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doudianAdapter } from '../../../src-main/core/channels/doudian/index.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { pddAdapter } from '../../../src-main/core/channels/pdd/index.js';
import { taobaoAdapter } from '../../../src-main/core/channels/taobao/index.js';
import type { ChannelAdapter, ChannelContext, HttpClient, ShopCredentials, TopupReport } from '../../../src-main/core/channels/types.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createDoudianSimulator } from '../../../src-main/sandbox/platforms/doudian/index.js';
import { createPddSimulator } from '../../../src-main/sandbox/platforms/pdd/index.js';
import { createTaobaoSimulator } from '../../../src-main/sandbox/platforms/taobao/index.js';
import { type Ledger, failure, sandboxControls } from './harness.js';

const T0 = Date.parse('2026-03-01T12:00:00+08:00');
const ACCOUNT = '13800000000';

interface Shop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}
interface OrderView {
  orderId: string;
  buyerMessage: string;
  lines: { lineId: string; skuId: string }[];
}

let now = T0;
let sb: Sandbox;
const doudian = sandboxControls('doudian', () => sb);
const pdd = sandboxControls('pdd', () => sb);
const taobao = sandboxControls('taobao', () => sb);

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({
    simulators: [createDoudianSimulator({ clock: () => now }), createPddSimulator({ clock: () => now }), createTaobaoSimulator({ clock: () => now })],
  });
});
afterEach(async () => {
  await sb.close();
});

type Controls = ReturnType<typeof sandboxControls>;

/** A shop with one item on `platform`, and a context builder for it. */
async function setup(platform: 'doudian' | 'pdd' | 'taobao', controls: Controls) {
  const shop = await controls.control<Shop>('createShop', { name: '充值测试店' });
  const { itemId } = await controls.control<{ itemId: string }>('createItem', { shopId: shop.shopId, title: '话费直充 100 元', priceFen: 9950, outerId: 'TOPUP-100' });
  const ctx = (over: Partial<ShopCredentials> = {}, http: HttpClient = createHttpClient()): ChannelContext => ({
    creds: {
      appKey: shop.appKey,
      appSecret: shop.appSecret,
      accessToken: shop.accessToken,
      refreshToken: shop.refreshToken,
      shopRef: platform === 'taobao' ? shop.name : shop.shopId,
      endpoint: `${sb.url}/${platform}`,
      ...over,
    },
    http,
    now: () => now,
    saveCreds: () => {},
  });
  const order = async (extra: Record<string, unknown> = {}): Promise<OrderView> =>
    controls.control<OrderView>('createOrder', { shopId: shop.shopId, lines: [{ itemId, rechargeAccount: ACCOUNT }], pay: true, ...extra });
  const plainOrder = () => order({ lines: [{ itemId }] });
  const deliveries = async (orderId: string) => (await controls.control<Ledger[]>('ledger')).find((l) => l.orderId === orderId)?.deliveries ?? [];
  return { shop, itemId, ctx, order, plainOrder, deliveries };
}

function reportFor(order: OrderView, success = true): TopupReport {
  const line = order.lines[0]!;
  return {
    order: { orderId: order.orderId, lineIds: order.lines.map((l) => l.lineId) },
    line: { lineId: line.lineId, skuId: line.skuId, quantity: 1 },
    account: ACCOUNT,
    success,
    message: success ? '已为账号 138****0000 充值话费 100 元' : '账号 138****0000 充值失败，将为您退款',
    serial: `KD-${order.orderId}`,
  };
}

const report = (adapter: ChannelAdapter, ctx: ChannelContext, r: TopupReport) => adapter.reportTopup!(ctx, r);

describe('抖店 topup.result', () => {
  it('a recharge order shows its account, a success ships it once, and a repeat is `already`', async () => {
    const s = await setup('doudian', doudian);
    const created = await s.order();
    now += 60_000;
    const [listed] = await doudianAdapter.listOrders(s.ctx(), { from: T0 - 60_000, to: now });
    expect(listed?.lines[0]).toMatchObject({ lineId: created.lines[0]?.lineId, rechargeAccount: ACCOUNT });
    expect(listed?.status).toBe('paid');

    expect((await report(doudianAdapter, s.ctx(), reportFor(created))).result).toBe('delivered');
    expect(await doudianAdapter.getOrder(s.ctx(), created.orderId)).toMatchObject({ status: 'shipped', platformStatus: '3' });
    expect((await report(doudianAdapter, s.ctx(), reportFor(created))).result).toBe('already');
    const got = await s.deliveries(created.orderId);
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0]!.content)).toMatchObject({ seller_order_no: `KD-${created.orderId}`, seller_order_status: 'SUCCESS' });
  });

  it('a failed top-up leaves the order unshipped with a refund request; the result cannot be changed', async () => {
    const s = await setup('doudian', doudian);
    const created = await s.order();
    expect((await report(doudianAdapter, s.ctx(), reportFor(created, false))).result).toBe('delivered');
    const order = await doudianAdapter.getOrder(s.ctx(), created.orderId);
    expect(order).toMatchObject({ status: 'paid', platformStatus: '2' });
    expect(order?.lines[0]?.refund).toBe('requested');
    const refunds = await doudianAdapter.listRefunds(s.ctx(), { from: T0 - 60_000, to: now });
    expect(refunds).toEqual([expect.objectContaining({ orderId: created.orderId, state: 'requested' })]);
    expect((await report(doudianAdapter, s.ctx(), reportFor(created, false))).result).toBe('already');
    const changed = await failure(report(doudianAdapter, s.ctx(), reportFor(created, true)));
    expect(changed.kind).toBe('give_up');
    expect(changed.details.platformMessage).toContain('010016');
    expect(await s.deliveries(created.orderId)).toEqual([]);
  });

  it('card sync and parcel delivery refuse a recharge order; topup.result refuses a card or unpaid order', async () => {
    const s = await setup('doudian', doudian);
    const recharge = await s.order();
    const line = recharge.lines[0]!;
    const cardSync = await failure(
      doudianAdapter.deliver(s.ctx(), {
        order: { orderId: recharge.orderId, lineIds: [line.lineId] },
        line: { lineId: line.lineId, skuId: line.skuId, quantity: 1 },
        message: '卡密 K-1',
        keys: [{ cardNo: null, secret: 'K-1', expiresAt: null }],
      }),
    );
    expect(cardSync).toMatchObject({ kind: 'give_up', details: { platformCode: 50002 } });
    expect(cardSync.details.platformMessage).toContain('010014');
    expect(await rawDoudian(s.shop, 'order.logisticsAdd', { company_code: 'shunfeng', logistics_code: 'SF1', order_id: recharge.orderId })).toMatchObject({
      code: 50002,
      sub_code: 'isv.business-failed:60107',
    });

    const card = await s.plainOrder();
    const notRecharge = await failure(report(doudianAdapter, s.ctx(), reportFor(card)));
    expect(notRecharge.details.platformMessage).toContain('010015');
    const unpaid = await s.order({ pay: false });
    expect((await failure(report(doudianAdapter, s.ctx(), reportFor(unpaid)))).kind).toBe('give_up');
    const flagged = await s.order({ riskFlags: ['fraud_suspect'] });
    expect((await failure(report(doudianAdapter, s.ctx(), reportFor(flagged)))).details.platformCode).toBe(80000);
    expect((await doudian.control<Ledger[]>('ledger')).flatMap((l) => l.deliveries)).toEqual([]);
  });

  it('refuses a report signed with the wrong secret, and a status outside SUCCESS / FAILED', async () => {
    const s = await setup('doudian', doudian);
    const created = await s.order();
    const forged = await failure(report(doudianAdapter, s.ctx({ appSecret: 'not-the-secret' }), reportFor(created)));
    expect(forged.kind).toBe('bad_signature');
    const odd = await rawDoudian(s.shop, 'topup.result', {
      seller_order_no: 'KD-1',
      seller_order_status: 'DONE',
      topup_biz: 'MOBILE_TOPUP',
      trade_order_no: created.orderId,
    });
    expect(odd).toMatchObject({ code: 40004 });
    expect((await doudianAdapter.getOrder(s.ctx(), created.orderId))?.status).toBe('paid');
  });
});

describe('拼多多 pdd.virtual.mobile.charge.notify', () => {
  it('the account rides in the memo; a success ships the order once and a repeat is `already`', async () => {
    const s = await setup('pdd', pdd);
    const created = await s.order();
    expect(created.buyerMessage).toBe(`充值账号：${ACCOUNT}`);
    now += 60_000;
    const [listed] = await pddAdapter.listOrders(s.ctx(), { from: T0 - 60_000, to: now });
    expect(listed).toMatchObject({ orderId: created.orderId, status: 'paid', buyerMessage: `充值账号：${ACCOUNT}` });
    expect(listed?.lines[0]?.rechargeAccount).toBe(ACCOUNT);

    expect((await report(pddAdapter, s.ctx(), reportFor(created))).result).toBe('delivered');
    expect((await pddAdapter.getOrder(s.ctx(), created.orderId))?.status).toBe('shipped');
    expect((await report(pddAdapter, s.ctx(), reportFor(created))).result).toBe('already');
    expect(await s.deliveries(created.orderId)).toEqual([expect.objectContaining({ content: '已为账号 138****0000 充值话费 100 元' })]);
  });

  it('a failed top-up opens a refund request, repeats as `already`, and cannot turn into a success', async () => {
    const s = await setup('pdd', pdd);
    const created = await s.order();
    expect((await report(pddAdapter, s.ctx(), reportFor(created, false))).result).toBe('delivered');
    const order = await pddAdapter.getOrder(s.ctx(), created.orderId);
    expect(order?.status).toBe('paid');
    expect(order?.lines[0]?.refund).toBe('requested');
    expect((await report(pddAdapter, s.ctx(), reportFor(created, false))).result).toBe('already');
    expect((await failure(report(pddAdapter, s.ctx(), reportFor(created, true)))).kind).toBe('give_up');
    expect(await s.deliveries(created.orderId)).toEqual([]);
  });

  it('refuses a card order and a wrong signature', async () => {
    const s = await setup('pdd', pdd);
    const card = await s.plainOrder();
    const notRecharge = await failure(report(pddAdapter, s.ctx(), reportFor(card)));
    expect(notRecharge).toMatchObject({ kind: 'give_up', details: { platformCode: 50000 } });
    const created = await s.order();
    const forged = await failure(report(pddAdapter, s.ctx({ appSecret: 'not-the-secret' }), reportFor(created)));
    expect(forged).toMatchObject({ kind: 'bad_signature', details: { platformCode: 20004 } });
    expect((await pddAdapter.getOrder(s.ctx(), created.orderId))?.status).toBe('paid');
  });

  it('sends the voucher but never the buyer message to the production gateway', async () => {
    const seen: Record<string, unknown>[] = [];
    const fake: HttpClient = (req) => {
      seen.push(JSON.parse(req.body ?? '{}') as Record<string, unknown>);
      return Promise.resolve({ status: 200, headers: {}, text: '{"mobile_charge_notify_response":{"success":true}}' });
    };
    const s = await setup('pdd', pdd);
    const created = await s.order();
    expect((await report(pddAdapter, s.ctx({ endpoint: undefined }, fake), reportFor(created))).result).toBe('delivered');
    expect(seen[0]).toMatchObject({
      type: 'pdd.virtual.mobile.charge.notify',
      order_sn: created.orderId,
      outer_order_sn: `KD-${created.orderId}`,
      status: 'SUCCESS',
      charge_certi: [expect.objectContaining({ charge_certi_mobile: ACCOUNT, charge_certi_order_sn: `KD-${created.orderId}` })],
    });
    expect(seen[0]).not.toHaveProperty('keydesk_message');
  });
});

describe('淘宝 (no top-up call)', () => {
  it('has no reportTopup, and deliver() confirms a line that carries a recharge account', async () => {
    expect(taobaoAdapter.reportTopup).toBeUndefined();
    const s = await setup('taobao', taobao);
    const created = await s.order();
    const line = created.lines[0]!;
    const outcome = await taobaoAdapter.deliver(s.ctx(), {
      order: { orderId: created.orderId, lineIds: [line.lineId] },
      line: { lineId: line.lineId, skuId: line.skuId, quantity: 1 },
      message: '已为账号 138****0000 充值话费 100 元',
      keys: [],
    });
    expect(outcome.result).toBe('delivered');
    expect((await taobaoAdapter.getOrder(s.ctx(), created.orderId))?.status).toBe('shipped');
  });
});

/** A 抖店 call signed by hand (independent of the adapter's signer); params must be given in sorted order. */
async function rawDoudian(shop: Shop, method: string, params: Record<string, string>): Promise<{ code: number; sub_code: string }> {
  const body = JSON.stringify(params);
  const ts = String(Math.floor(now / 1000));
  const plain = `${shop.appSecret}app_key${shop.appKey}method${method}param_json${body}timestamp${ts}v2${shop.appSecret}`;
  const sign = createHmac('sha256', shop.appSecret).update(plain).digest('hex');
  const query = new URLSearchParams({ app_key: shop.appKey, method, timestamp: ts, v: '2', sign, sign_method: 'hmac-sha256', access_token: shop.accessToken });
  const res = await fetch(`${sb.url}/doudian/${method.split('.').join('/')}?${query.toString()}`, { method: 'POST', body });
  return (await res.json()) as { code: number; sub_code: string };
}
