// 拼多多 adapter against the 拼多多 simulator over real HTTP: paging, duplicates, refunds, idempotent
// delivery, and every failure the poller / outbox must tell apart.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { pddAdapter } from '../../../src-main/core/channels/pdd/index.js';
import type { ChannelContext, DeliveryRequest, HttpClient, ShopCredentials } from '../../../src-main/core/channels/types.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createPddSimulator } from '../../../src-main/sandbox/platforms/pdd/index.js';
import { type Ledger, failure, sandboxControls } from './harness.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-01T12:00:00+08:00');

interface Shop {
  shopId: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  tokenExpiresAt: number;
}
let now = T0;
let sb: Sandbox;
const { control, addFault } = sandboxControls('pdd', () => sb);
let shop: Shop;
let itemId: string;

function creds(over: Partial<ShopCredentials> = {}): ShopCredentials {
  return {
    appKey: shop.appKey,
    appSecret: shop.appSecret,
    accessToken: shop.accessToken,
    refreshToken: shop.refreshToken,
    tokenExpiresAt: shop.tokenExpiresAt,
    endpoint: `${sb.url}/pdd`,
    ...over,
  };
}

function context(c: ShopCredentials = creds(), http: HttpClient = createHttpClient()): ChannelContext & { saved: ShopCredentials[] } {
  const saved: ShopCredentials[] = [];
  return { creds: c, http, now: () => now, saveCreds: (next) => saved.push(next), saved };
}

async function createPaid(count: number): Promise<string[]> {
  const res = await control<{ orders?: { orderId: string }[]; orderId?: string }>('createOrder', {
    shopId: shop.shopId,
    lines: [{ itemId }],
    pay: true,
    count,
  });
  return res.orders ? res.orders.map((o) => o.orderId) : [res.orderId!];
}

function delivery(orderId: string, message = '卡号 K-1 密码 P-1'): DeliveryRequest {
  return {
    order: { orderId, lineIds: [orderId] },
    line: { lineId: orderId, skuId: '', quantity: 1 },
    message,
    keys: [{ cardNo: 'K-1', secret: 'P-1', expiresAt: null }],
  };
}

/** A raw gateway call signed by hand (independent of the adapter), for checks the adapter never makes. */
async function rawCall(params: Record<string, unknown>): Promise<{ error_response?: { error_code: number; sub_msg: string } }> {
  const body: Record<string, unknown> = {
    client_id: shop.appKey,
    access_token: shop.accessToken,
    timestamp: String(Math.floor(now / 1000)),
    data_type: 'JSON',
    ...params,
  };
  const plain = Object.keys(body)
    .sort()
    .map((k) => `${k}${typeof body[k] === 'string' ? (body[k] as string) : JSON.stringify(body[k])}`)
    .join('');
  body.sign = createHash('md5').update(`${shop.appSecret}${plain}${shop.appSecret}`).digest('hex').toUpperCase();
  const res = await fetch(`${sb.url}/pdd/api/router`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as { error_response?: { error_code: number; sub_msg: string } };
}

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({ simulators: [createPddSimulator({ clock: () => now })] });
  shop = await control<Shop>('createShop', { name: '拼多多测试店' });
  itemId = (await control<{ itemId: string }>('createItem', { shopId: shop.shopId, title: '视频月卡', priceFen: 1990, outerId: 'VIP-M' })).itemId;
});

afterEach(async () => {
  await sb.close();
});

describe('拼多多 adapter ↔ simulator', () => {
  it('finds 270 orders across two 30-minute windows exactly once, paging backwards', async () => {
    const first = await createPaid(130);
    now = T0 + 40 * MIN;
    const second = await createPaid(140);
    now = T0 + 60 * MIN;

    const pages: number[] = [];
    const http = createHttpClient();
    const spy: HttpClient = (req) => {
      const body = JSON.parse(req.body ?? '{}') as { page?: number };
      if (body.page !== undefined) pages.push(body.page);
      return http(req);
    };
    const ctx = context(creds(), spy);
    const a = await pddAdapter.listOrders(ctx, { from: T0 - 5 * MIN, to: T0 + 25 * MIN });
    expect(pages).toEqual([1, 2, 1]);
    const b = await pddAdapter.listOrders(ctx, { from: T0 + 25 * MIN, to: T0 + 55 * MIN });

    const ids = [...a, ...b].map((o) => o.orderId);
    expect(ids).toHaveLength(270);
    expect(new Set(ids)).toEqual(new Set([...first, ...second]));
    expect(ids.every((id) => /^260301-\d{15}$/.test(id))).toBe(true);

    const order = a[0]!;
    expect(order).toMatchObject({ status: 'paid', amountFen: 1990, paidAt: T0, updatedAt: T0 });
    expect(order.lines).toEqual([
      expect.objectContaining({ lineId: order.orderId, itemId, outerId: 'VIP-M', title: '视频月卡', quantity: 1, priceFen: 1990, refund: 'none' }),
    ]);
    expect((order.raw as { order_sn: string }).order_sn).toBe(order.orderId);
  });

  it('still yields each order once when pages overlap and come back reordered (duplicate fault)', async () => {
    const created = await createPaid(230);
    now = T0 + 10 * MIN;
    await addFault({ kind: 'duplicate' });
    const orders = await pddAdapter.listOrders(context(), { from: T0 - MIN, to: T0 + 5 * MIN });
    expect(orders.map((o) => o.orderId).sort()).toEqual([...created].sort());
  });

  it('splits a window longer than 30 minutes instead of being refused', async () => {
    const created = await createPaid(3);
    now = T0 + 2 * 60 * MIN;
    const orders = await pddAdapter.listOrders(context(), { from: T0 - 50 * MIN, to: T0 + 70 * MIN });
    expect(orders.map((o) => o.orderId).sort()).toEqual([...created].sort());
  });

  it('reads one order back, and null for an order the platform does not know', async () => {
    const [id] = await createPaid(1);
    const order = await pddAdapter.getOrder(context(), id!);
    expect(order?.orderId).toBe(id);
    expect(order?.status).toBe('paid');
    expect(await pddAdapter.getOrder(context(), '260301-000000000000000')).toBeNull();
  });

  it('lists refunds (requested and done) and shows a refunded order as closed', async () => {
    const [asked, refunded] = await createPaid(2);
    now = T0 + MIN;
    await control('refund', { orderId: asked, requestOnly: true });
    await control('refund', { orderId: refunded });
    now = T0 + 5 * MIN;
    const refunds = await pddAdapter.listRefunds(context(), { from: T0, to: T0 + 4 * MIN });
    const byOrder = new Map(refunds.map((r) => [r.orderId, r]));
    expect(refunds).toHaveLength(2);
    expect(byOrder.get(asked!)).toMatchObject({ state: 'requested', amountFen: 1990, updatedAt: T0 + MIN });
    expect(byOrder.get(refunded!)).toMatchObject({ state: 'refunded', amountFen: 1990 });
    expect((await pddAdapter.getOrder(context(), refunded!))?.status).toBe('closed');
    expect((await pddAdapter.getOrder(context(), asked!))?.lines[0]?.refund).toBe('requested');
  });

  it('delivers once: a repeat answers already and the buyer got the keys once', async () => {
    const [id] = await createPaid(1);
    const ctx = context();
    expect((await pddAdapter.deliver(ctx, delivery(id!))).result).toBe('delivered');
    expect((await pddAdapter.deliver(ctx, delivery(id!))).result).toBe('already');
    const ledger = await control<Ledger[]>('ledger', {});
    const entry = ledger.find((l) => l.orderId === id);
    expect(entry?.deliveries).toEqual([expect.objectContaining({ lineId: id, content: '卡号 K-1 密码 P-1' })]);
    expect((await pddAdapter.getOrder(ctx, id!))?.status).toBe('shipped');
  });

  it('never sends the keys to the production gateway (keydesk_message is sandbox-only)', async () => {
    const seen: { url: string; body: Record<string, unknown> }[] = [];
    const fake: HttpClient = (req) => {
      seen.push({ url: req.url, body: JSON.parse(req.body ?? '{}') as Record<string, unknown> });
      return Promise.resolve({ status: 200, headers: {}, text: '{"logistics_online_send_response":{"is_success":true}}' });
    };
    const production = context(creds({ endpoint: undefined }), fake);
    expect((await pddAdapter.deliver(production, delivery('260301-111111111111111'))).result).toBe('delivered');
    expect(seen[0]?.url).toBe('https://gw-api.pinduoduo.com/api/router');
    expect(seen[0]?.body).toMatchObject({ order_sn: '260301-111111111111111', logistics_id: 9999 });
    expect(JSON.stringify(seen[0]?.body)).not.toContain('P-1');
  });

  it('refuses to deliver an unpaid, a refunded or an in-after-sales order (give_up)', async () => {
    const unpaid = (await control<{ orderId: string }>('createOrder', { shopId: shop.shopId, lines: [{ itemId }] })).orderId;
    const [refunded, asking] = await createPaid(2);
    await control('refund', { orderId: refunded });
    await control('refund', { orderId: asking, requestOnly: true });
    for (const id of [unpaid, refunded!, asking!]) {
      const err = await failure(pddAdapter.deliver(context(), delivery(id)));
      expect(err.kind).toBe('give_up');
      expect(err.details.platformCode).toBe(50000);
    }
    const ledger = await control<Ledger[]>('ledger', {});
    expect(ledger.flatMap((l) => l.deliveries)).toEqual([]);
  });

  it('answers a wrong secret with the signature error kind', async () => {
    const err = await failure(pddAdapter.testConnection(context(creds({ appSecret: 'not-the-secret' }))));
    expect(err.kind).toBe('bad_signature');
    expect(err.details.platformCode).toBe(20004);
    expect(err.message).toContain('Client Secret');
  });

  it('names the shop on testConnection', async () => {
    expect(await pddAdapter.testConnection(context())).toEqual({ shopName: '拼多多测试店' });
  });

  it('simulator refuses oversized windows, page sizes, stale timestamps and old history', async () => {
    const list = {
      type: 'pdd.order.number.list.increment.get',
      order_status: 5,
      refund_status: 5,
      page: 1,
      page_size: 100,
    };
    const start = Math.floor(now / 1000) - 3600;
    const tooWide = await rawCall({ ...list, start_updated_at: start, end_updated_at: start + 1801 });
    expect(tooWide.error_response?.error_code).toBe(10000);
    expect(tooWide.error_response?.sub_msg).toContain('30 分钟');
    const tooBig = await rawCall({ ...list, start_updated_at: start, end_updated_at: start + 1800, page_size: 101 });
    expect(tooBig.error_response?.sub_msg).toContain('page_size');
    const old = Math.floor((now - 91 * 24 * 60 * MIN) / 1000);
    expect((await rawCall({ ...list, start_updated_at: old, end_updated_at: old + 60 })).error_response?.sub_msg).toContain('三个月');
    const stale = await rawCall({ ...list, start_updated_at: start, end_updated_at: start + 60, timestamp: String(Math.floor(now / 1000) - 301) });
    expect(stale.error_response?.sub_msg).toContain('timestamp');
    const ok = await rawCall({ ...list, start_updated_at: start, end_updated_at: start + 1800 });
    expect(ok.error_response).toBeUndefined();

    // The adapter on a machine whose clock is 10 minutes off gets a readable give_up.
    const skewed = { ...context(), now: () => now - 10 * MIN };
    const err = await failure(pddAdapter.listOrders(skewed, { from: now - 40 * MIN, to: now - 20 * MIN }));
    expect(err.kind).toBe('give_up');
    expect(err.message).toContain('系统时间');
  });

  it('refreshes an expired token once and saves it; without a refresh token asks to re-authorise', async () => {
    const [id] = await createPaid(1);
    await control('expireToken', { shopId: shop.shopId });
    const ctx = context();
    expect((await pddAdapter.getOrder(ctx, id!))?.orderId).toBe(id);
    expect(ctx.saved).toHaveLength(1);
    expect(ctx.saved[0]?.accessToken).not.toBe(shop.accessToken);
    expect(ctx.saved[0]?.tokenExpiresAt).toBeGreaterThan(now);
    expect(ctx.creds.accessToken).toBe(ctx.saved[0]?.accessToken);

    await control('expireToken', { shopId: shop.shopId });
    const noRefresh = context(creds({ accessToken: ctx.saved[0]!.accessToken, refreshToken: undefined }));
    const err = await failure(pddAdapter.getOrder(noRefresh, id!));
    expect(err.kind).toBe('reauth');
  });

  it('turns the order-list rate limit into backoff with a wait', async () => {
    await control('setRateLimit', { api: 'orders', perSecond: 1, burst: 1 });
    const window = { from: T0 - 10 * MIN, to: T0 - 5 * MIN };
    await pddAdapter.listOrders(context(), window);
    const err = await failure(pddAdapter.listOrders(context(), window));
    expect(err.kind).toBe('backoff');
    expect(err.details.platformCode).toBe(52101);
    expect(err.retryAfterMs).toBeGreaterThan(0);
    now += 1000; // the bucket refills with the simulator clock
    await expect(pddAdapter.listOrders(context(), window)).resolves.toEqual([]);

    await addFault({ kind: 'rateLimit', times: 1 });
    const injected = await failure(pddAdapter.listOrders(context(), window));
    expect(injected).toMatchObject({ kind: 'backoff', details: expect.objectContaining({ platformCode: 70031 }) as object });
  });

  it('maps a 5xx to retry and an HTML / cut body to bad_response', async () => {
    await addFault({ kind: 'http5xx', status: 502, times: 1 });
    expect((await failure(pddAdapter.testConnection(context()))).kind).toBe('retry');
    await addFault({ kind: 'malformed', times: 1 });
    expect((await failure(pddAdapter.testConnection(context()))).kind).toBe('bad_response');

    const html: HttpClient = () => Promise.resolve({ status: 200, headers: {}, text: '<html><body>502 Bad Gateway</body></html>' });
    const err = await failure(pddAdapter.listOrders(context(creds(), html), { from: T0 - MIN, to: T0 }));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('网页');
  });
});
