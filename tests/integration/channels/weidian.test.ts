// 微店 adapter against the 微店 simulator over real HTTP: token handling (the only credential on a call),
// backwards paging, duplicates, refunds via the list, idempotent delivery and the failure kinds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import type { ChannelContext, DeliveryRequest, HttpClient, ShopCredentials } from '../../../src-main/core/channels/types.js';
import { weidianAdapter } from '../../../src-main/core/channels/weidian/index.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createWeidianSimulator } from '../../../src-main/sandbox/platforms/weidian/index.js';
import { type Ledger, failure, sandboxControls } from './harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-03-01T12:00:00+08:00');

interface Shop {
  shopId: string;
  appKey: string;
  appSecret: string;
}
interface WdBody {
  result: unknown;
  status: { status_code: number; status_reason: string };
}

let now = T0;
let sb: Sandbox;
const { control, addFault } = sandboxControls('weidian', () => sb);
let shop: Shop;
let itemId: string;

/** What the owner types: AppKey and AppSecret only; the adapter gets its own token. */
function creds(over: Partial<ShopCredentials> = {}): ShopCredentials {
  return { appKey: shop.appKey, appSecret: shop.appSecret, endpoint: `${sb.url}/weidian`, ...over };
}

function context(c: ShopCredentials = creds(), http: HttpClient = createHttpClient()): ChannelContext & { saved: ShopCredentials[] } {
  const saved: ShopCredentials[] = [];
  return { creds: c, http, now: () => now, saveCreds: (next) => saved.push(next), saved };
}

async function createPaid(count: number): Promise<string[]> {
  const res = await control<{ orders?: { orderId: string }[]; orderId?: string }>('createOrder', {
    shopId: shop.shopId,
    lines: [{ itemId }],
    buyer: { id: 'wd-buyer-1', nick: '小李', phone: '13900000000' },
    buyerMessage: '谢谢',
    pay: true,
    count,
  });
  return res.orders ? res.orders.map((o) => o.orderId) : [res.orderId!];
}

function delivery(orderId: string, message = '兑换码 WD-ABC-123'): DeliveryRequest {
  return {
    order: { orderId, lineIds: [orderId] },
    line: { lineId: orderId, skuId: '', quantity: 1 },
    message,
    keys: [{ cardNo: null, secret: 'WD-ABC-123', expiresAt: null }],
  };
}

async function rawApi(pub: Record<string, unknown>, param: Record<string, unknown>): Promise<WdBody> {
  const q = new URLSearchParams({ public: JSON.stringify(pub), param: JSON.stringify(param) });
  return (await (await fetch(`${sb.url}/weidian/api?${q.toString()}`)).json()) as WdBody;
}

async function rawToken(appkey: string, secret: string): Promise<WdBody> {
  const q = new URLSearchParams({ grant_type: 'client_credential', appkey, secret });
  return (await (await fetch(`${sb.url}/weidian/token?${q.toString()}`)).json()) as WdBody;
}

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({ simulators: [createWeidianSimulator({ clock: () => now })] });
  shop = await control<Shop>('createShop', { name: '微店测试店' });
  itemId = (await control<{ itemId: string }>('createItem', { shopId: shop.shopId, title: '音乐会员月卡', priceFen: 1500, outerId: 'MUSIC-M' })).itemId;
});

afterEach(async () => {
  await sb.close();
});

describe('微店 adapter ↔ simulator', () => {
  it('gets a token, then finds 270 orders across two windows exactly once, paging backwards', async () => {
    const first = await createPaid(130);
    now = T0 + 2 * HOUR;
    const second = await createPaid(140);
    now = T0 + 3 * HOUR;

    const pages: number[] = [];
    const http = createHttpClient();
    const spy: HttpClient = (req) => {
      const param = new URL(req.url).searchParams.get('param');
      if (param) pages.push((JSON.parse(param) as { page_num: number }).page_num);
      return http(req);
    };
    const ctx = context(creds(), spy);
    const a = await weidianAdapter.listOrders(ctx, { from: T0 - HOUR, to: T0 + HOUR });
    expect(pages).toEqual([1, 2, 1]);
    expect(ctx.saved).toHaveLength(1); // one token fetched, then reused
    expect(ctx.saved[0]?.tokenExpiresAt).toBeGreaterThan(now);
    const b = await weidianAdapter.listOrders(ctx, { from: T0 + HOUR, to: T0 + 2.5 * HOUR });
    expect(ctx.saved).toHaveLength(1);

    const ids = [...a, ...b].map((o) => o.orderId);
    expect(ids).toHaveLength(270);
    expect(new Set(ids)).toEqual(new Set([...first, ...second]));

    const order = a[0]!;
    expect(order).toMatchObject({
      status: 'paid',
      amountFen: 1500,
      paidAt: T0,
      updatedAt: T0,
      buyer: { id: 'wd-buyer-1', nick: '小李', phone: '13900000000' },
      buyerMessage: '谢谢',
    });
    expect(order.lines).toEqual([expect.objectContaining({ lineId: order.orderId, itemId, outerId: 'MUSIC-M', priceFen: 1500, quantity: 1 })]);
  });

  it('still yields each order once under the duplicate fault', async () => {
    const created = await createPaid(250);
    now = T0 + HOUR;
    await addFault({ kind: 'duplicate' });
    const orders = await weidianAdapter.listOrders(context(), { from: T0 - MIN, to: T0 + MIN });
    expect(orders.map((o) => o.orderId).sort()).toEqual([...created].sort());
  });

  it('reads one order back, null when unknown; lists unpaid orders as unpaid', async () => {
    const [id] = await createPaid(1);
    const unpaid = (await control<{ orderId: string }>('createOrder', { shopId: shop.shopId, lines: [{ itemId }] })).orderId;
    expect((await weidianAdapter.getOrder(context(), id!))?.status).toBe('paid');
    expect(await weidianAdapter.getOrder(context(), '100000000000000')).toBeNull();
    const listed = await weidianAdapter.listOrders(context(), { from: T0 - MIN, to: T0 + MIN });
    expect(listed.find((o) => o.orderId === unpaid)).toMatchObject({ status: 'unpaid', paidAt: null });
  });

  it('lists refunds through the refunding / close lists', async () => {
    const [asked, refunded, cancelled] = await createPaid(3);
    now = T0 + MIN;
    await control('refund', { orderId: asked, requestOnly: true });
    await control('refund', { orderId: refunded });
    await control('close', { orderId: cancelled });
    now = T0 + 10 * MIN;
    const refunds = await weidianAdapter.listRefunds(context(), { from: T0, to: T0 + 5 * MIN });
    const byOrder = new Map(refunds.map((r) => [r.orderId, r]));
    expect(refunds).toHaveLength(2);
    expect(byOrder.get(asked!)).toMatchObject({ state: 'requested', amountFen: 1500, lineId: asked });
    expect(byOrder.get(refunded!)).toMatchObject({ state: 'refunded', amountFen: 1500, updatedAt: T0 + MIN });
    expect((await weidianAdapter.getOrder(context(), refunded!))?.status).toBe('closed');
  });

  it('delivers once with express_type 999; a repeat answers already; one delivery in the ledger', async () => {
    const [id] = await createPaid(1);
    const ctx = context();
    expect((await weidianAdapter.deliver(ctx, delivery(id!))).result).toBe('delivered');
    expect((await weidianAdapter.deliver(ctx, delivery(id!))).result).toBe('already');
    const entry = (await control<Ledger[]>('ledger', {})).find((l) => l.orderId === id);
    expect(entry?.deliveries).toEqual([expect.objectContaining({ lineId: id, content: '兑换码 WD-ABC-123' })]);
    expect((await weidianAdapter.getOrder(ctx, id!))?.status).toBe('shipped');
  });

  it('never sends the keys to the production gateway (keydesk_message is sandbox-only)', async () => {
    const seen: string[] = [];
    const fake: HttpClient = (req) => {
      seen.push(`${req.url} ${req.body ?? ''}`);
      return Promise.resolve({ status: 200, headers: {}, text: '{"result":{},"status":{"status_code":0,"status_reason":"success"}}' });
    };
    const production = context(creds({ endpoint: undefined, accessToken: 'tok', tokenExpiresAt: now + HOUR }), fake);
    expect((await weidianAdapter.deliver(production, delivery('791234567890123'))).result).toBe('delivered');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^https:\/\/api\.vdian\.com\/api /);
    expect(decodeURIComponent(seen[0]!.replaceAll('+', ' '))).toContain('"express_type":999');
    expect(seen[0]).not.toContain('WD-ABC-123');
  });

  it('refuses to deliver unpaid, refunded and refunding orders (give_up)', async () => {
    const unpaid = (await control<{ orderId: string }>('createOrder', { shopId: shop.shopId, lines: [{ itemId }] })).orderId;
    const [refunded, asking] = await createPaid(2);
    await control('refund', { orderId: refunded });
    await control('refund', { orderId: asking, requestOnly: true });
    for (const id of [unpaid, refunded!, asking!]) {
      const err = await failure(weidianAdapter.deliver(context(), delivery(id)));
      expect(err.kind).toBe('give_up');
      expect(err.details.platformCode).toBe(40003);
    }
    expect((await control<Ledger[]>('ledger', {})).flatMap((l) => l.deliveries)).toEqual([]);
  });

  it('answers a wrong secret with the signature error kind', async () => {
    const err = await failure(weidianAdapter.testConnection(context(creds({ appSecret: 'wrong' }))));
    expect(err.kind).toBe('bad_signature');
    expect(err.message).toContain('AppSecret');
    await expect(weidianAdapter.testConnection(context())).resolves.toEqual({});
  });

  it('checks the token strictly: missing, unknown and expired tokens are refused', async () => {
    const tokenBody = await rawToken(shop.appKey, shop.appSecret);
    const token = (tokenBody.result as { access_token: string }).access_token;
    const get = { method: 'vdian.order.get', version: '1.0' };
    expect((await rawApi(get, { order_id: '1' })).status.status_code).toBe(10026);
    expect((await rawApi({ ...get, access_token: 'made-up' }, { order_id: '1' })).status.status_code).toBe(10013);
    expect((await rawApi({ ...get, access_token: token }, { order_id: '1' })).status.status_code).toBe(40001);
    await control('expireToken', { shopId: shop.shopId });
    expect((await rawApi({ ...get, access_token: token }, { order_id: '1' })).status.status_code).toBe(10016);
    expect((await rawToken(shop.appKey, 'nope')).status.status_code).toBe(10004);
  });

  it('fetches a new token and retries once when the gateway says it expired', async () => {
    const [id] = await createPaid(1);
    const ctx = context();
    await weidianAdapter.getOrder(ctx, id!);
    const firstToken = ctx.creds.accessToken;
    await control('expireToken', { shopId: shop.shopId });
    expect((await weidianAdapter.getOrder(ctx, id!))?.orderId).toBe(id);
    expect(ctx.saved).toHaveLength(2);
    expect(ctx.creds.accessToken).not.toBe(firstToken);

    // A saved token near its expiry is replaced before the call, without a failed round trip first.
    const nearlyDone = context(creds({ accessToken: ctx.creds.accessToken, tokenExpiresAt: now + MIN }));
    await weidianAdapter.getOrder(nearlyDone, id!);
    expect(nearlyDone.saved).toHaveLength(1);
  });

  it('simulator refuses oversized windows and page sizes', async () => {
    const token = ((await rawToken(shop.appKey, shop.appSecret)).result as { access_token: string }).access_token;
    const pub = { method: 'vdian.order.list.get', access_token: token, version: '1.2' };
    const list = { order_type: 'all', page_num: 1, update_start: '2026-01-01 00:00:00', update_end: '2026-02-15 00:00:00' };
    const wide = await rawApi(pub, list);
    expect(wide.status).toEqual({ status_code: 10002, status_reason: expect.stringContaining('31天') as string });
    const big = await rawApi(pub, { ...list, update_start: '2026-03-01 00:00:00', update_end: '2026-03-01 10:00:00', page_size: 201 });
    expect(big.status.status_reason).toContain('page_size');
    const old = await rawApi(pub, { ...list, update_start: '2025-11-01 00:00:00', update_end: '2025-11-02 00:00:00' });
    expect(old.status.status_reason).toContain('90天');
    const fine = await rawApi(pub, { ...list, update_start: '2026-03-01 00:00:00', update_end: '2026-03-01 10:00:00', page_size: 200 });
    expect(fine.status.status_code).toBe(0);
  });

  it('turns rate limits into backoff, a 5xx into retry and an HTML / cut body into bad_response', async () => {
    await control('setRateLimit', { api: 'orders', perSecond: 1, burst: 1 });
    const window = { from: T0 - 10 * MIN, to: T0 - 5 * MIN };
    const ctx = context();
    await weidianAdapter.listOrders(ctx, window);
    const limited = await failure(weidianAdapter.listOrders(ctx, window));
    expect(limited).toMatchObject({ kind: 'backoff', details: expect.objectContaining({ platformCode: 10020 }) as object });
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    now += 1000;
    await expect(weidianAdapter.listOrders(ctx, window)).resolves.toEqual([]);

    await addFault({ kind: 'rateLimit', pathPrefix: '/api', times: 1 });
    expect((await failure(weidianAdapter.listOrders(ctx, { ...window, to: window.to + 1 }))).kind).toBe('backoff');
    await addFault({ kind: 'http5xx', status: 503, times: 1 });
    expect((await failure(weidianAdapter.getOrder(ctx, '1'))).kind).toBe('retry');
    await addFault({ kind: 'malformed', pathPrefix: '/api', times: 1 });
    expect((await failure(weidianAdapter.getOrder(ctx, '1'))).kind).toBe('bad_response');

    const html: HttpClient = () => Promise.resolve({ status: 200, headers: {}, text: '<!doctype html><title>维护中</title>' });
    const err = await failure(weidianAdapter.testConnection(context(creds(), html)));
    expect(err.kind).toBe('bad_response');
  });
});
