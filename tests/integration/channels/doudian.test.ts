// 抖店 adapter against the 抖店 simulator over real HTTP: paging, faults, tokens, delivery, push.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doudianAdapter } from '../../../src-main/core/channels/doudian/index.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import type { ChannelContext, DeliveryRequest, HttpClient, ShopCredentials } from '../../../src-main/core/channels/types.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createDoudianSimulator } from '../../../src-main/sandbox/platforms/doudian/index.js';
import { type Ledger, failure, listen, sandboxControls, until } from './harness.js';

const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 5, 1, 4, 0, 0);

interface Shop {
  shopId: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
}
interface SimOrderView {
  orderId: string;
  lines: { lineId: string; skuId: string }[];
}

let now = BASE;
let sb: Sandbox;
const { control, addFault } = sandboxControls('doudian', () => sb);
let shop: Shop;
let itemId: string;
let saved: ShopCredentials[];

beforeEach(async () => {
  now = BASE;
  saved = [];
  sb = await startSandbox({ simulators: [createDoudianSimulator({ clock: () => now })] });
  shop = await control<Shop>('createShop', { name: '抖店测试店' });
  itemId = (await control<{ itemId: string }>('createItem', { shopId: shop.shopId, title: '月卡', priceFen: 1990, outerId: 'CARD-M' })).itemId;
});
afterEach(async () => {
  await sb.close();
});

function ctxFor(overrides: Partial<ShopCredentials> = {}, http: HttpClient = createHttpClient()): ChannelContext {
  const ctx: ChannelContext = {
    creds: { appKey: shop.appKey, appSecret: shop.appSecret, shopRef: shop.shopId, endpoint: `${sb.url}/doudian`, ...overrides },
    http,
    now: () => now,
    saveCreds: (next) => saved.push(next),
  };
  return ctx;
}

async function createOrders(count: number, extra: Record<string, unknown> = {}): Promise<string[]> {
  const res = await control<{ orders?: { orderId: string }[]; orderId?: string }>('createOrder', {
    shopId: shop.shopId,
    lines: [{ itemId }],
    pay: true,
    count,
    ...extra,
  });
  return res.orders ? res.orders.map((o) => o.orderId) : [res.orderId!];
}

async function orderView(orderId: string): Promise<SimOrderView> {
  return control<SimOrderView>('order', { orderId });
}

function deliveryFor(order: SimOrderView, secret = 'KEY-0001'): DeliveryRequest {
  const line = order.lines[0]!;
  return {
    order: { orderId: order.orderId, lineIds: [line.lineId] },
    line: { lineId: line.lineId, skuId: line.skuId, quantity: 1 },
    message: `您的卡密：${secret}`,
    keys: [{ cardNo: 'NO-1', secret, expiresAt: null }],
  };
}

/** A raw gateway call signed by hand (independent of the adapter's signer). */
async function raw(method: string, sortedParamJson: string, opts: { token?: string; at?: number } = {}): Promise<{ code: number; sub_code: string }> {
  const ts = String(Math.floor((opts.at ?? now) / 1000));
  const secret = shop.appSecret;
  const plain = `${secret}app_key${shop.appKey}method${method}param_json${sortedParamJson}timestamp${ts}v2${secret}`;
  const sign = createHmac('sha256', secret).update(plain).digest('hex');
  const q = `app_key=${shop.appKey}&method=${method}&timestamp=${ts}&v=2&sign=${sign}&sign_method=hmac-sha256&access_token=${opts.token ?? shop.accessToken}`;
  const res = await fetch(`${sb.url}/doudian/${method.replace('.', '/')}?${q}`, { method: 'POST', body: sortedParamJson });
  return (await res.json()) as { code: number; sub_code: string };
}

describe('抖店 capture', () => {
  it('finds 300 orders across pages and two windows, each exactly once', async () => {
    now = BASE - 30 * HOUR;
    const early = await createOrders(260);
    now = BASE - 2 * HOUR;
    const late = await createOrders(40);
    now = BASE;
    const ctx = ctxFor();
    const first = await doudianAdapter.listOrders(ctx, { from: BASE - 31 * HOUR, to: BASE - 25 * HOUR });
    const second = await doudianAdapter.listOrders(ctx, { from: BASE - 3 * HOUR, to: BASE - HOUR });
    expect(first.map((o) => o.orderId).sort()).toEqual([...early].sort());
    expect(second.map((o) => o.orderId).sort()).toEqual([...late].sort());
    const one = second[0]!;
    expect(one).toMatchObject({ status: 'paid', platformStatus: '2', amountFen: 1990, paidAt: BASE - 2 * HOUR, updatedAt: BASE - 2 * HOUR });
    expect(one.lines[0]).toMatchObject({ itemId, outerId: 'CARD-M', quantity: 1, priceFen: 1990, refund: 'none' });
    // No token was typed in: the self-built app fetched one with the shop id and saved it.
    expect(saved[0]?.accessToken).toMatch(/^at_/);
  });

  it('still yields each order once when pages repeat and reorder entries', async () => {
    const ids = await createOrders(250);
    await addFault({ kind: 'duplicate', pathPrefix: '/order/searchList' });
    const pagesOf = new Map<string, Set<number>>();
    const base = createHttpClient();
    const counting: HttpClient = async (req) => {
      const res = await base(req);
      const page = (JSON.parse(req.body ?? '{}') as { page?: number }).page ?? -1;
      const rows = (JSON.parse(res.text) as { data?: { shop_order_list?: { order_id: string }[] } }).data?.shop_order_list ?? [];
      for (const row of rows) pagesOf.set(row.order_id, (pagesOf.get(row.order_id) ?? new Set()).add(page));
      return res;
    };
    const orders = await doudianAdapter.listOrders(ctxFor({}, counting), { from: BASE - HOUR, to: BASE });
    // The fault really put some orders on two different pages.
    expect([...pagesOf.values()].some((pages) => pages.size > 1)).toBe(true);
    expect(orders).toHaveLength(250);
    expect(new Set(orders.map((o) => o.orderId))).toEqual(new Set(ids));
  });

  it('an order changing while pages are read does not hide its neighbours', async () => {
    now = BASE - 30 * 60_000;
    const ids = await createOrders(250);
    now = BASE;
    const moved = ids[ids.length - 1]!; // newest: first row of page 0
    let calls = 0;
    const base = createHttpClient();
    const http: HttpClient = async (req) => {
      const res = await base(req);
      // Right after the first page, the newest order is refunded and leaves the window.
      if (req.url.includes('/order/searchList') && ++calls === 1) await control('refund', { orderId: moved });
      return res;
    };
    const orders = await doudianAdapter.listOrders(ctxFor({}, http), { from: BASE - HOUR, to: BASE - 60_000 });
    expect(new Set(orders.map((o) => o.orderId))).toEqual(new Set(ids.filter((id) => id !== moved)));
  });

  it('reads one order back, null for an unknown one, and reports risk flags and recharge accounts', async () => {
    const [id] = await createOrders(1, { riskFlags: ['fraud_suspect'], lines: [{ itemId, rechargeAccount: '13800000000' }] });
    const order = await doudianAdapter.getOrder(ctxFor(), id!);
    expect(order).toMatchObject({ orderId: id, status: 'paid', riskFlags: ['fraud_suspect'] });
    expect(order?.lines[0]?.rechargeAccount).toBe('13800000000');
    expect(await doudianAdapter.getOrder(ctxFor(), '6999999999999999999')).toBeNull();
  });

  it('lists refunds from the after-sales list', async () => {
    const [refunded, asked] = await createOrders(2);
    now += 60_000;
    await control('refund', { orderId: refunded });
    await control('refund', { orderId: asked, requestOnly: true });
    const notices = await doudianAdapter.listRefunds(ctxFor(), { from: BASE, to: now });
    const byOrder = Object.fromEntries(notices.map((n) => [n.orderId, n]));
    expect(byOrder[refunded!]).toMatchObject({ state: 'refunded', amountFen: 1990 });
    expect(byOrder[asked!]).toMatchObject({ state: 'requested', amountFen: 1990 });
    expect(byOrder[refunded!]?.lineId).toBe((await orderView(refunded!)).lines[0]?.lineId);
  });
});

describe('抖店 delivery', () => {
  it('syncs the cards once; a resend is `already` and the buyer got one delivery', async () => {
    const [id] = await createOrders(1);
    const order = await orderView(id!);
    const ctx = ctxFor();
    expect((await doudianAdapter.deliver(ctx, deliveryFor(order))).result).toBe('delivered');
    expect((await doudianAdapter.deliver(ctx, deliveryFor(order))).result).toBe('already');
    const ledger = await control<Ledger[]>('ledger');
    const entry = ledger.find((l) => l.orderId === id)!;
    expect(entry.deliveries).toHaveLength(1);
    expect(entry.deliveries[0]?.content).toContain('KEY-0001');
    expect((await doudianAdapter.getOrder(ctx, id!))?.status).toBe('shipped');
  });

  it('refuses unpaid, refunded, risk-controlled and late orders for good', async () => {
    const ctx = ctxFor();
    const [unpaid] = await createOrders(1, { pay: false });
    const [refunded, stale] = await createOrders(2);
    const [flagged] = await createOrders(1, { riskFlags: ['fraud_suspect'] });
    await control('refund', { orderId: refunded });
    expect((await failure(doudianAdapter.deliver(ctx, deliveryFor(await orderView(unpaid!))))).kind).toBe('give_up');
    expect((await failure(doudianAdapter.deliver(ctx, deliveryFor(await orderView(refunded!))))).kind).toBe('give_up');
    const blocked = await failure(doudianAdapter.deliver(ctx, deliveryFor(await orderView(flagged!))));
    expect(blocked).toMatchObject({ kind: 'give_up', details: { platformCode: 80000 } });
    now += 25 * HOUR;
    const tooLate = await failure(doudianAdapter.deliver(ctx, deliveryFor(await orderView(stale!))));
    expect(tooLate.kind).toBe('give_up');
    expect(tooLate.details.platformMessage).toContain('010012');
    const ledger = await control<Ledger[]>('ledger');
    expect(ledger.flatMap((l) => l.deliveries)).toHaveLength(0);
  });
});

describe('抖店 gateway rules', () => {
  it('a wrong secret is a signature failure the owner must fix', async () => {
    const err = await failure(doudianAdapter.listOrders(ctxFor({ appSecret: 'wrong', accessToken: shop.accessToken }), { from: BASE - HOUR, to: BASE }));
    expect(err.kind).toBe('bad_signature');
    expect(err.message).toContain('签名');
    expect(err.details.platformMessage).toContain('isv.signature-invalid');
  });

  it('rejects oversized windows, page sizes, old history and stale timestamps (raw calls)', async () => {
    const nowS = Math.floor(now / 1000);
    const list = (start: number, end: number, size: number) =>
      `{"order_by":"update_time","page":0,"size":${size},"update_time_end":${end},"update_time_start":${start}}`;
    expect(await raw('order.searchList', list(nowS - 3600, nowS, 100))).toMatchObject({ code: 10000 });
    expect(await raw('order.searchList', list(nowS - 8 * 24 * 3600, nowS, 100))).toMatchObject({ code: 40004, sub_code: 'isv.parameter-invalid:20014' });
    expect(await raw('order.searchList', list(nowS - 3600, nowS, 101))).toMatchObject({ code: 40004, sub_code: 'isv.parameter-invalid:20008' });
    expect(await raw('order.searchList', list(nowS - 91 * 24 * 3600, nowS - 90.5 * 24 * 3600, 100))).toMatchObject({ sub_code: 'isv.parameter-invalid:20022' });
    expect(await raw('order.searchList', list(nowS - 3600, nowS, 100), { at: now - 10 * 60_000 })).toMatchObject({ code: 40003, sub_code: 'isv.timestamp-invalid' });
    // Keys not sorted: the gateway signs its canonical (sorted) form, so the hand signature fails.
    expect(await raw('order.searchList', `{"size":100,"page":0,"update_time_start":${nowS - 60}}`)).toMatchObject({ sub_code: 'isv.signature-invalid' });
  });

  it('refreshes an expired token and retries the call once, saving the new token', async () => {
    await createOrders(3);
    const { refreshToken } = await stateShop();
    await control('expireToken', { shopId: shop.shopId });
    // No shop id: only token.refresh can save this call.
    const ctx = ctxFor({ accessToken: shop.accessToken, refreshToken, shopRef: undefined });
    const orders = await doudianAdapter.listOrders(ctx, { from: BASE - HOUR, to: BASE });
    expect(orders).toHaveLength(3);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.accessToken).not.toBe(shop.accessToken);
    expect(saved[0]?.accessToken).toBe((await stateShop()).accessToken);
  });

  it('asks the owner to authorise again when the refresh token is dead too', async () => {
    const { refreshToken } = await stateShop();
    await control('expireToken', { shopId: shop.shopId });
    await control('expireRefreshToken', { shopId: shop.shopId });
    const ctx = ctxFor({ accessToken: shop.accessToken, refreshToken, shopRef: undefined });
    expect((await failure(doudianAdapter.listOrders(ctx, { from: BASE - HOUR, to: BASE }))).kind).toBe('reauth');
  });

  it('rate limits become backoff with a wait; 5xx become retry', async () => {
    const ctx = ctxFor({ accessToken: shop.accessToken });
    await control('setRateLimit', { perSecond: 1 });
    await doudianAdapter.listOrders(ctx, { from: BASE - HOUR, to: BASE });
    const limited = await failure(doudianAdapter.listOrders(ctx, { from: BASE - HOUR, to: BASE }));
    expect(limited.kind).toBe('backoff');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    await addFault({ kind: 'rateLimit', times: 1, pathPrefix: '/order/orderDetail' });
    expect((await failure(doudianAdapter.getOrder(ctx, '1'))).kind).toBe('backoff');
    await addFault({ kind: 'http5xx', times: 1 });
    expect((await failure(doudianAdapter.getOrder(ctx, '1'))).kind).toBe('retry');
  });

  it('a cut body or an HTML page is bad_response', async () => {
    await addFault({ kind: 'malformed', times: 1 });
    expect((await failure(doudianAdapter.listOrders(ctxFor({ accessToken: shop.accessToken }), { from: BASE - HOUR, to: BASE }))).kind).toBe('bad_response');
    const html = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>系统维护中</body></html>');
    });
    const url = await listen(html);
    try {
      const err = await failure(doudianAdapter.getOrder(ctxFor({ accessToken: 'x', endpoint: url }), '1'));
      expect(err.kind).toBe('bad_response');
      expect(err.message).toContain('网页');
    } finally {
      html.close();
    }
  });
});

describe('抖店 push', () => {
  it('signs pushes the adapter accepts, and rejects forged or mis-signed ones', async () => {
    const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const ack = doudianAdapter.pushAck!();
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(ack.status, { 'content-type': ack.contentType });
        res.end(ack.body);
      });
    });
    const url = await listen(receiver);
    try {
      await control('setPushUrl', { shopId: shop.shopId, pushUrl: url });
      const [id] = await createOrders(1);
      await until(() => received.some((r) => r.body.toString().includes('"tag":"101"')));
      const creds = ctxFor().creds;
      const paid = received.find((r) => r.body.toString().includes('"tag":"101"'))!;
      const req = { headers: paid.headers, body: paid.body, query: new URLSearchParams() };
      const notices = doudianAdapter.parsePush!(creds, req, now);
      expect(notices).toEqual([expect.objectContaining({ orderId: id, kind: 'paid' })]);
      // A replay carries the same message id, which the receiver drops as already seen.
      expect(doudianAdapter.parsePush!(creds, req, now + HOUR)[0]?.messageId).toBe(notices[0]?.messageId);
      const forged = Buffer.from(paid.body.toString().replace(id!.slice(-4), '0000'));
      expect(() => doudianAdapter.parsePush!(creds, { ...req, body: forged }, now)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
      expect(() => doudianAdapter.parsePush!({ ...creds, appSecret: 'other' }, req, now)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));

      await control('refund', { orderId: id });
      await until(() => received.some((r) => r.body.toString().includes('"tag":"206"')));
      const refund = received.find((r) => r.body.toString().includes('"tag":"206"'))!;
      expect(doudianAdapter.parsePush!(creds, { headers: refund.headers, body: refund.body, query: new URLSearchParams() }, now)).toEqual([
        expect.objectContaining({ orderId: id, kind: 'refund' }),
      ]);
    } finally {
      receiver.close();
    }
  });
});

async function stateShop(): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await fetch(`${sb.url}/_control/doudian/state`);
  return ((await res.json()) as { shops: { accessToken: string; refreshToken: string }[] }).shops[0]!;
}

