// 独立站 adapter against the simulated merchant site over real HTTP: signed pulls, paging, faults,
// idempotent delivery and signed pushes.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { siteAdapter } from '../../../src-main/core/channels/site/index.js';
import type { ChannelContext, DeliveryRequest, HttpClient, ShopCredentials } from '../../../src-main/core/channels/types.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createSiteSimulator } from '../../../src-main/sandbox/platforms/site/index.js';
import { type Ledger, failure, listen, sandboxControls, until } from './harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Date.UTC(2026, 5, 1, 4, 0, 0);

interface Shop {
  shopId: string;
  appKey: string;
  appSecret: string;
}
interface SimOrderView {
  orderId: string;
  lines: { lineId: string; skuId: string }[];
}

let now = BASE;
let sb: Sandbox;
const { control, addFault } = sandboxControls('site', () => sb);
let shop: Shop;
let itemId: string;

beforeEach(async () => {
  now = BASE;
  sb = await startSandbox({ simulators: [createSiteSimulator({ clock: () => now })] });
  shop = await control<Shop>('createShop', { name: '我的发卡网' });
  itemId = (await control<{ itemId: string }>('createItem', { shopId: shop.shopId, title: '季卡', priceFen: 4990, outerId: 'CARD-Q' })).itemId;
});
afterEach(async () => {
  await sb.close();
});

function ctxFor(overrides: Partial<ShopCredentials> = {}, http: HttpClient = createHttpClient()): ChannelContext {
  return {
    creds: { appKey: shop.appKey, appSecret: shop.appSecret, endpoint: `${sb.url}/site`, ...overrides },
    http,
    now: () => now,
    saveCreds: () => {
      throw new Error('the site protocol has no tokens to save');
    },
  };
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

const orderView = (orderId: string) => control<SimOrderView>('order', { orderId });

function deliveryFor(order: SimOrderView, secret = 'KEY-Q-0001'): DeliveryRequest {
  const line = order.lines[0]!;
  return {
    order: { orderId: order.orderId, lineIds: [line.lineId] },
    line: { lineId: line.lineId, skuId: line.skuId, quantity: 1 },
    message: `您的季卡卡密：${secret}`,
    keys: [{ cardNo: null, secret, expiresAt: null }],
  };
}

/** A pull request signed by hand, independent of the adapter's signer. */
async function raw(target: string, opts: { at?: number; eventId?: string; secret?: string } = {}): Promise<{ status: number; code?: string }> {
  const ts = String(opts.at ?? now);
  const eventId = opts.eventId ?? randomUUID();
  const sig = createHmac('sha256', opts.secret ?? shop.appSecret).update(`${ts}\n${eventId}\nGET\n${target}\n`).digest('hex');
  const res = await fetch(`${sb.url}/site${target}`, {
    headers: { 'x-keydesk-app-key': shop.appKey, 'x-keydesk-timestamp': ts, 'x-keydesk-event-id': eventId, 'x-keydesk-signature': sig },
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, ...(body.error ? { code: body.error.code } : {}) };
}

describe('独立站 capture', () => {
  it('finds 500 orders across pages and two windows, each exactly once, with the buyer risk signals', async () => {
    now = BASE - 8 * DAY;
    const early = await createOrders(450, { buyer: { ip: '10.1.2.3', deviceId: 'dev-1', email: 'a@example.com', phone: '13900000000' } });
    now = BASE - HOUR;
    const late = await createOrders(50, { riskFlags: ['proxy_ip'] });
    now = BASE;
    const ctx = ctxFor();
    const first = await siteAdapter.listOrders(ctx, { from: BASE - 9 * DAY, to: BASE - 2 * DAY });
    const second = await siteAdapter.listOrders(ctx, { from: BASE - 2 * DAY, to: BASE });
    expect(first.map((o) => o.orderId).sort()).toEqual([...early].sort());
    expect(second.map((o) => o.orderId).sort()).toEqual([...late].sort());
    expect(first[0]).toMatchObject({
      status: 'paid',
      amountFen: 4990,
      paidAt: BASE - 8 * DAY,
      buyer: { ip: '10.1.2.3', deviceId: 'dev-1', email: 'a@example.com', phone: '13900000000' },
    });
    expect(first[0]?.lines[0]).toMatchObject({ itemId, outerId: 'CARD-Q', priceFen: 4990 });
    expect(second[0]?.riskFlags).toEqual(['proxy_ip']);
  });

  it('still yields each order once when pages repeat and reorder entries', async () => {
    const ids = await createOrders(450);
    await addFault({ kind: 'duplicate', pathPrefix: '/orders' });
    const pagesOf = new Map<string, Set<string>>();
    const base = createHttpClient();
    const watching: HttpClient = async (req) => {
      const res = await base(req);
      const page = new URL(req.url).searchParams.get('page') ?? '';
      for (const o of (JSON.parse(res.text) as { orders?: { id: string }[] }).orders ?? []) pagesOf.set(o.id, (pagesOf.get(o.id) ?? new Set()).add(page));
      return res;
    };
    const orders = await siteAdapter.listOrders(ctxFor({}, watching), { from: BASE - HOUR, to: BASE });
    expect([...pagesOf.values()].some((pages) => pages.size > 1)).toBe(true);
    expect(orders).toHaveLength(450);
    expect(new Set(orders.map((o) => o.orderId))).toEqual(new Set(ids));
  });

  it('an order changing while pages are read does not hide its neighbours', async () => {
    now = BASE - 30 * 60_000;
    const ids = await createOrders(450);
    now = BASE;
    const moved = ids[0]!; // oldest: first row of page 1 (ascending)
    let calls = 0;
    const base = createHttpClient();
    const http: HttpClient = async (req) => {
      const res = await base(req);
      if (++calls === 1) await control('refund', { orderId: moved });
      return res;
    };
    const orders = await siteAdapter.listOrders(ctxFor({}, http), { from: BASE - HOUR, to: BASE - 60_000 });
    expect(new Set(orders.map((o) => o.orderId))).toEqual(new Set(ids.slice(1)));
  });

  it('reads one order back (null when unknown), names the site, and lists refunds', async () => {
    const [refunded, asked] = await createOrders(2);
    const ctx = ctxFor();
    expect(await siteAdapter.testConnection(ctx)).toEqual({ shopName: '我的发卡网' });
    expect(await siteAdapter.getOrder(ctx, refunded!)).toMatchObject({ orderId: refunded, status: 'paid' });
    expect(await siteAdapter.getOrder(ctx, 'SO-NOPE')).toBeNull();
    now += 60_000;
    await control('refund', { orderId: refunded });
    await control('refund', { orderId: asked, requestOnly: true });
    const notices = await siteAdapter.listRefunds(ctx, { from: BASE, to: now });
    const byOrder = Object.fromEntries(notices.map((n) => [n.orderId, n]));
    expect(byOrder[refunded!]).toMatchObject({ state: 'refunded', amountFen: 4990, lineId: `${refunded}-1` });
    expect(byOrder[asked!]).toMatchObject({ state: 'requested' });
    expect((await siteAdapter.getOrder(ctx, refunded!))?.status).toBe('closed');
  });
});

describe('独立站 delivery', () => {
  it('delivers once; a resend is `already` and the buyer got one message', async () => {
    const [id] = await createOrders(1);
    const order = await orderView(id!);
    const ctx = ctxFor();
    expect((await siteAdapter.deliver(ctx, deliveryFor(order))).result).toBe('delivered');
    expect((await siteAdapter.deliver(ctx, deliveryFor(order))).result).toBe('already');
    const entry = (await control<Ledger[]>('ledger')).find((l) => l.orderId === id)!;
    expect(entry.deliveries).toHaveLength(1);
    expect(entry.deliveries[0]?.content).toContain('KEY-Q-0001');
    expect((await siteAdapter.getOrder(ctx, id!))?.status).toBe('shipped');
  });

  it('refuses unpaid and refunded orders for good', async () => {
    const [unpaid] = await createOrders(1, { pay: false });
    const [refunded] = await createOrders(1);
    await control('refund', { orderId: refunded });
    const ctx = ctxFor();
    expect(await failure(siteAdapter.deliver(ctx, deliveryFor(await orderView(unpaid!))))).toMatchObject({ kind: 'give_up', details: { platformCode: 'order_not_paid' } });
    expect(await failure(siteAdapter.deliver(ctx, deliveryFor(await orderView(refunded!))))).toMatchObject({ kind: 'give_up', details: { platformCode: 'order_refunded' } });
    expect((await control<Ledger[]>('ledger')).flatMap((l) => l.deliveries)).toHaveLength(0);
  });
});

describe('独立站 protocol rules', () => {
  it('a wrong secret is refused as a bad signature', async () => {
    const err = await failure(siteAdapter.listOrders(ctxFor({ appSecret: 'wrong' }), { from: BASE - HOUR, to: BASE }));
    expect(err).toMatchObject({ kind: 'bad_signature', details: { httpStatus: 401, platformCode: 'bad_signature' } });
  });

  it('rejects oversized windows, page sizes, stale timestamps and replayed requests (raw calls)', async () => {
    const list = (from: number, to: number, size: number) => `/orders?updated_from=${from}&updated_to=${to}&page=1&page_size=${size}`;
    expect(await raw(list(now - HOUR, now, 200))).toEqual({ status: 200 });
    expect(await raw(list(now - 8 * DAY, now, 200))).toEqual({ status: 400, code: 'bad_window' });
    expect(await raw(list(now, now - HOUR, 200))).toEqual({ status: 400, code: 'bad_window' });
    expect(await raw(list(now - HOUR, now, 201))).toEqual({ status: 400, code: 'bad_page_size' });
    expect(await raw(list(now - 91 * DAY, now - 90.5 * DAY, 200))).toEqual({ status: 400, code: 'history_unavailable' });
    expect(await raw(list(now - HOUR, now, 200), { at: now - 6 * 60_000 })).toEqual({ status: 401, code: 'stale_timestamp' });
    expect(await raw(list(now - HOUR, now, 200), { secret: 'nope' })).toEqual({ status: 401, code: 'bad_signature' });
    expect(await raw(list(now - HOUR, now, 200), { eventId: 'same' })).toEqual({ status: 200 });
    expect(await raw(list(now - HOUR, now, 200), { eventId: 'same' })).toEqual({ status: 401, code: 'replayed_request' });
  });

  it('rate limits become backoff with Retry-After; 5xx become retry', async () => {
    const ctx = ctxFor();
    await control('setRateLimit', { perSecond: 1 });
    await siteAdapter.listOrders(ctx, { from: BASE - HOUR, to: BASE });
    const limited = await failure(siteAdapter.listOrders(ctx, { from: BASE - HOUR, to: BASE }));
    expect(limited).toMatchObject({ kind: 'backoff', details: { retryAfterMs: 1000 } });
    await addFault({ kind: 'rateLimit', times: 1 });
    expect(await failure(siteAdapter.getOrder(ctx, 'SO1'))).toMatchObject({ kind: 'backoff', details: { retryAfterMs: 2000 } });
    await addFault({ kind: 'http5xx', times: 1 });
    expect((await failure(siteAdapter.getOrder(ctx, 'SO1'))).kind).toBe('retry');
  });

  it('a cut body or an HTML page is bad_response', async () => {
    await createOrders(1);
    await addFault({ kind: 'malformed', times: 1 });
    expect((await failure(siteAdapter.listOrders(ctxFor(), { from: BASE - HOUR, to: BASE }))).kind).toBe('bad_response');
    const html = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>502</title>');
    });
    const url = await listen(html);
    try {
      expect((await failure(siteAdapter.testConnection(ctxFor({ endpoint: url })))).kind).toBe('bad_response');
    } finally {
      html.close();
    }
  });
});

describe('独立站 push', () => {
  it('signs events the adapter accepts, and rejects forged, mis-signed or stale replays', async () => {
    const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const ack = siteAdapter.pushAck!();
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
      const [id] = await createOrders(1, { buyer: { ip: '10.9.9.9' } });
      await until(() => received.length > 0);
      const creds = ctxFor().creds;
      const paid = received[0]!;
      const req = { headers: paid.headers, body: paid.body, query: new URLSearchParams() };
      const [notice] = siteAdapter.parsePush!(creds, req, now + 1000);
      expect(notice).toMatchObject({ orderId: id, kind: 'paid', messageId: paid.headers['x-keydesk-event-id'] });
      expect((notice?.raw as { order: { buyer: { ip: string } } }).order.buyer.ip).toBe('10.9.9.9');
      const forged = Buffer.from(paid.body.toString().replace('10.9.9.9', '10.9.9.8'));
      expect(() => siteAdapter.parsePush!(creds, { ...req, body: forged }, now)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
      expect(() => siteAdapter.parsePush!({ ...creds, appSecret: 'other' }, req, now)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
      expect(() => siteAdapter.parsePush!(creds, req, now + 6 * 60_000)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));

      await control('refund', { orderId: id });
      await until(() => received.length > 1);
      const refund = received[1]!;
      expect(siteAdapter.parsePush!(creds, { headers: refund.headers, body: refund.body, query: new URLSearchParams() }, now)).toEqual([
        expect.objectContaining({ orderId: id, kind: 'refund' }),
      ]);
    } finally {
      receiver.close();
    }
  });
});

