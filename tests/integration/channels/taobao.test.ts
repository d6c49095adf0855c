// 淘宝 adapter against the 淘宝 simulator: paging, faults, delivery idempotency, error kinds and push.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelError } from '../../../src-main/core/channels/errors.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { taobaoAdapter } from '../../../src-main/core/channels/taobao/index.js';
import type { ChannelContext, DeliveryRequest, HttpClient, ShopCredentials } from '../../../src-main/core/channels/types.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createTaobaoSimulator } from '../../../src-main/sandbox/platforms/taobao/index.js';
import { type Ledger, failure, sandboxControls } from './harness.js';

const T0 = Date.UTC(2026, 0, 15, 2, 0, 0); // 2026-01-15 10:00:00 in Beijing
const MIN = 60_000;

interface Shop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
}
let now: number;
let sb: Sandbox;
const { control, addFault } = sandboxControls('taobao', () => sb);

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({ simulators: [createTaobaoSimulator({ clock: () => now })] });
});
afterEach(async () => {
  await sb.close();
});

async function setupShop(): Promise<{ shop: Shop; creds: ShopCredentials; itemIds: string[] }> {
  const shop = await control<Shop>('createShop', { name: '测试旗舰店' });
  const itemIds: string[] = [];
  for (const [title, priceFen] of [['月卡', 2990], ['季卡', 8000]] as const) {
    itemIds.push((await control<{ itemId: string }>('createItem', { shopId: shop.shopId, title, priceFen, outerId: `CARD-${priceFen}` })).itemId);
  }
  const creds = { appKey: shop.appKey, appSecret: shop.appSecret, accessToken: shop.accessToken, shopRef: shop.name, endpoint: `${sb.url}/taobao` };
  return { shop, creds, itemIds };
}

const ctxFor = (creds: ShopCredentials, http: HttpClient = createHttpClient()): ChannelContext => ({ creds, http, now: () => now, saveCreds: () => {} });

async function createOrders(shopId: string, itemId: string, count: number, pay = true): Promise<string[]> {
  const made = await control<{ orders?: { orderId: string }[]; orderId?: string }>('createOrder', { shopId, lines: [{ itemId }], pay, count });
  return made.orders ? made.orders.map((o) => o.orderId) : [made.orderId!];
}

const beijing = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** A hand-signed TOP call (md5 or hmac), independent of the adapter's client. */
async function rawCall(shop: Shop, method: string, business: Record<string, string>, signMethod: 'md5' | 'hmac' = 'md5') {
  const params: Record<string, string> = {
    method, app_key: shop.appKey, session: shop.accessToken, timestamp: beijing(now), format: 'json', v: '2.0', sign_method: signMethod, ...business,
  };
  const s = Object.keys(params).sort().map((k) => `${k}${params[k]}`).join('');
  params.sign = (signMethod === 'md5' ? createHash('md5').update(shop.appSecret + s + shop.appSecret) : createHmac('md5', shop.appSecret).update(s))
    .digest('hex')
    .toUpperCase();
  const res = await fetch(`${sb.url}/taobao/router/rest`, { method: 'POST', body: new URLSearchParams(params) });
  return (await res.json()) as Record<string, { code?: number; sub_msg?: string } | undefined>;
}

function deliveryFor(orderId: string, lineIds: string[], lineId: string, message = '卡号 A1 密码 P1'): DeliveryRequest {
  return { order: { orderId, lineIds }, line: { lineId, skuId: '', quantity: 1 }, message, keys: [{ cardNo: 'A1', secret: 'P1', expiresAt: null }] };
}

describe('淘宝 orders', () => {
  it('finds 260 orders across pages and two windows, each once, with exact int64 ids and money in 分', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const created = [...(await createOrders(shop.shopId, itemIds[0]!, 150))];
    now += 10 * MIN;
    created.push(...(await createOrders(shop.shopId, itemIds[0]!, 60)));
    now += 30 * MIN;
    created.push(...(await createOrders(shop.shopId, itemIds[0]!, 50)));
    now = T0 + 2 * 60 * MIN;

    const ctx = ctxFor(creds);
    const first = await taobaoAdapter.listOrders(ctx, { from: T0 - MIN, to: T0 + 20 * MIN });
    const second = await taobaoAdapter.listOrders(ctx, { from: T0 + 20 * MIN, to: T0 + 60 * MIN });
    expect(first).toHaveLength(210);
    expect(second).toHaveLength(50);
    const found = [...first, ...second].map((o) => o.orderId);
    expect(new Set(found).size).toBe(260);
    expect(new Set(found)).toEqual(new Set(created));

    const order = first.find((o) => o.orderId === created[0])!;
    expect(order.orderId).toMatch(/^\d{18}$/);
    expect(order).toMatchObject({ status: 'paid', platformStatus: 'WAIT_SELLER_SEND_GOODS', amountFen: 2990, paidAt: T0, updatedAt: T0 });
    expect(order.lines[0]).toMatchObject({ itemId: itemIds[0], outerId: 'CARD-2990', quantity: 1, priceFen: 2990, refund: 'none' });
    expect(order.lines[0]!.lineId).toMatch(/^\d{18}$/);
  });

  it('still yields each order once when the platform repeats and reorders rows across pages', async () => {
    const { shop, creds, itemIds } = await setupShop();
    await createOrders(shop.shopId, itemIds[0]!, 120);
    const served: string[] = [];
    const base = createHttpClient();
    const counting: HttpClient = async (req) => {
      const res = await base(req);
      served.push(...[...res.text.matchAll(/"tid_str":"(\d+)"/g)].map((m) => m[1]!));
      return res;
    };
    await addFault({ kind: 'duplicate' });
    const orders = await taobaoAdapter.listOrders(ctxFor(creds, counting), { from: T0 - MIN, to: T0 + MIN });
    expect(served.length).toBeGreaterThan(120 + 50); // duplicates really were served (beyond the re-read page 1)
    expect(orders).toHaveLength(120);
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(120);
  });

  it('misses nothing when an order leaves the window while the pages are being read', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const created = await createOrders(shop.shopId, itemIds[0]!, 120); // newest first: the last one heads page 1
    const moved = created[119]!;
    const base = createHttpClient();
    let calls = 0;
    const meddling: HttpClient = async (req) => {
      const res = await base(req);
      if (++calls === 2) {
        // Between pages the buyer asks for a refund on a page-1 order: it jumps out of the window and
        // every row behind it moves up one slot.
        now += 5 * MIN;
        await control('refund', { orderId: moved, requestOnly: true });
      }
      return res;
    };
    const orders = await taobaoAdapter.listOrders(ctxFor(creds, meddling), { from: T0 - MIN, to: T0 + MIN });
    const found = new Set(orders.map((o) => o.orderId));
    expect(created.filter((id) => id !== moved && !found.has(id))).toEqual([]);
  });

  it('reads one order back, and answers null for an order the shop does not have', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [orderId] = await createOrders(shop.shopId, itemIds[1]!, 1);
    const order = await taobaoAdapter.getOrder(ctxFor(creds), orderId!);
    expect(order).toMatchObject({ orderId, status: 'paid', amountFen: 8000 });
    expect(await taobaoAdapter.getOrder(ctxFor(creds), '123456789012345678')).toBeNull();
    expect(await taobaoAdapter.testConnection(ctxFor(creds))).toEqual({ shopName: '测试旗舰店' });
  });

  it('lists refunds with their state and amount, and shows them on the order lines', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [refunded, asked] = await createOrders(shop.shopId, itemIds[0]!, 2);
    now += MIN;
    await control('refund', { orderId: refunded });
    await control('refund', { orderId: asked, requestOnly: true });
    const window = { from: T0, to: T0 + 5 * MIN };
    const refunds = await taobaoAdapter.listRefunds(ctxFor(creds), window);
    expect(refunds.map((r) => [r.orderId, r.state, r.amountFen]).sort()).toEqual(
      [[refunded, 'refunded', 2990], [asked, 'requested', 2990]].sort(),
    );
    expect(refunds.every((r) => /^\d{18}$/.test(r.lineId) && /^\d{18}$/.test(r.refundId))).toBe(true);
    const orders = await taobaoAdapter.listOrders(ctxFor(creds), window);
    expect(orders.find((o) => o.orderId === refunded)).toMatchObject({ status: 'closed', platformStatus: 'TRADE_CLOSED' });
    expect(orders.find((o) => o.orderId === asked)!.lines[0]!.refund).toBe('requested');
  });
});

describe('淘宝 delivery', () => {
  it('delivers once; a repeat answers already and the buyer received one message', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [orderId] = await createOrders(shop.shopId, itemIds[0]!, 1);
    const order = (await taobaoAdapter.getOrder(ctxFor(creds), orderId!))!;
    const lineIds = order.lines.map((l) => l.lineId);
    const request = deliveryFor(orderId!, lineIds, lineIds[0]!);
    expect((await taobaoAdapter.deliver(ctxFor(creds), request)).result).toBe('delivered');
    expect((await taobaoAdapter.deliver(ctxFor(creds), request)).result).toBe('already');
    const ledger = await control<Ledger[]>('ledger');
    expect(ledger.find((l) => l.orderId === orderId)!.deliveries).toEqual([expect.objectContaining({ lineId: lineIds[0], content: '卡号 A1 密码 P1' })]);
    expect((await taobaoAdapter.getOrder(ctxFor(creds), orderId!))!.status).toBe('shipped');
  });

  it('delivers the lines of a two-line trade one at a time', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const made = await control<{ orderId: string; lines: { lineId: string }[] }>('createOrder', {
      shopId: shop.shopId, lines: [{ itemId: itemIds[0] }, { itemId: itemIds[1] }], pay: true,
    });
    const lineIds = made.lines.map((l) => l.lineId);
    expect((await taobaoAdapter.deliver(ctxFor(creds), deliveryFor(made.orderId, lineIds, lineIds[0]!, 'first'))).result).toBe('delivered');
    expect((await taobaoAdapter.getOrder(ctxFor(creds), made.orderId))!).toMatchObject({ status: 'paid', platformStatus: 'SELLER_CONSIGNED_PART' });
    expect((await taobaoAdapter.deliver(ctxFor(creds), deliveryFor(made.orderId, lineIds, lineIds[1]!, 'second'))).result).toBe('delivered');
    expect((await taobaoAdapter.deliver(ctxFor(creds), deliveryFor(made.orderId, lineIds, lineIds[1]!, 'again'))).result).toBe('already');
    const ledger = await control<Ledger[]>('ledger');
    expect(ledger.find((l) => l.orderId === made.orderId)!.deliveries.map((d) => [d.lineId, d.content])).toEqual([
      [lineIds[0], 'first'],
      [lineIds[1], 'second'],
    ]);
  });

  it('never sends the keys to a real gateway', async () => {
    const bodies: string[] = [];
    const gateway: HttpClient = async (req) => {
      bodies.push(req.body ?? '');
      return { status: 200, headers: {}, text: '{"logistics_dummy_send_response":{"shipping":{"is_success":true}}}' };
    };
    const creds = { appKey: '12345678', appSecret: 's', accessToken: 't', endpoint: 'https://gw.api.taobao.com' };
    const outcome = await taobaoAdapter.deliver(ctxFor(creds, gateway), deliveryFor('812345678901234567', ['812345678901234568'], '812345678901234568'));
    expect(outcome.result).toBe('delivered');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('tid=812345678901234567');
    expect(bodies[0]).not.toContain('keydesk_message');
    expect(bodies[0]).not.toContain('P1');
  });

  it('refuses to deliver an unpaid or refunded order (give_up) and records nothing', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [unpaid] = await createOrders(shop.shopId, itemIds[0]!, 1, false);
    const [refunded] = await createOrders(shop.shopId, itemIds[0]!, 1);
    await control('refund', { orderId: refunded });
    for (const orderId of [unpaid!, refunded!]) {
      const order = (await taobaoAdapter.getOrder(ctxFor(creds), orderId))!;
      const lineIds = order.lines.map((l) => l.lineId);
      const err = await failure(taobaoAdapter.deliver(ctxFor(creds), deliveryFor(orderId, lineIds, lineIds[0]!)));
      expect(err.kind).toBe('give_up');
      expect(err.message).toMatch(/不允许.*发货/);
    }
    const ledger = await control<Ledger[]>('ledger');
    expect(ledger.flatMap((l) => l.deliveries)).toEqual([]);
  });
});

describe('淘宝 gateway rules and errors', () => {
  it('a wrong App Secret is a signature error that asks the owner to fix the credentials', async () => {
    const { creds } = await setupShop();
    const err = await failure(taobaoAdapter.listOrders(ctxFor({ ...creds, appSecret: 'wrong' }), { from: T0 - MIN, to: T0 }));
    expect(err.kind).toBe('reauth');
    expect(err.message).toContain('App Secret');
    expect(err.details.platformCode).toBe('25');
  });

  it('accepts md5 and hmac signatures too, and rejects oversized windows, bad page sizes, old history and stale timestamps', async () => {
    const { shop } = await setupShop();
    expect((await rawCall(shop, 'taobao.user.seller.get', { fields: 'nick' }, 'md5')).user_seller_get_response).toBeDefined();
    expect((await rawCall(shop, 'taobao.user.seller.get', { fields: 'nick' }, 'hmac')).user_seller_get_response).toBeDefined();
    const list = (business: Record<string, string>) =>
      rawCall(shop, 'taobao.trades.sold.increment.get', { fields: 'tid', start_modified: beijing(now - 60 * MIN), end_modified: beijing(now), ...business });
    expect((await list({})).trades_sold_increment_get_response).toBeDefined();
    expect((await list({ start_modified: beijing(now - 25 * 60 * MIN) })).error_response).toMatchObject({ code: 41 });
    expect((await list({ page_size: '101' })).error_response).toMatchObject({ code: 41 });
    expect((await list({ page_size: '0' })).error_response).toMatchObject({ code: 41 });
    expect((await list({ start_modified: beijing(now - 91 * 1440 * MIN), end_modified: beijing(now - 91 * 1440 * MIN + MIN) })).error_response)
      .toMatchObject({ code: 41 });
    now += 11 * MIN; // the simulator's clock moves on; the request below still carries the old time
    const params = { method: 'taobao.user.seller.get', app_key: shop.appKey, session: shop.accessToken, timestamp: beijing(now - 11 * MIN), v: '2.0', fields: 'nick', sign_method: 'hmac-sha256' };
    const s = Object.keys(params).sort().map((k) => `${k}${params[k as keyof typeof params]}`).join('');
    const sign = createHmac('sha256', shop.appSecret).update(s).digest('hex').toUpperCase();
    const res = await fetch(`${sb.url}/taobao/router/rest`, { method: 'POST', body: new URLSearchParams({ ...params, sign }) });
    expect(((await res.json()) as { error_response: { code: number } }).error_response.code).toBe(31);
  });

  it('an expired session asks for re-authorisation (淘宝 has no refresh)', async () => {
    const { shop, creds } = await setupShop();
    await control('expireToken', { shopId: shop.shopId });
    const err = await failure(taobaoAdapter.listOrders(ctxFor(creds), { from: T0 - MIN, to: T0 }));
    expect(err.kind).toBe('reauth');
    expect(err.details.platformCode).toBe('session-expired');
    expect(taobaoAdapter.refreshToken).toBeUndefined();
  });

  it('rate limits become backoff with the ban length the platform names', async () => {
    const { creds } = await setupShop();
    await control('setRateLimit', { perSecond: 1 });
    const ctx = ctxFor(creds);
    await taobaoAdapter.getOrder(ctx, '123456789012345678');
    const limited = await failure(taobaoAdapter.getOrder(ctx, '123456789012345678'));
    expect(limited.kind).toBe('backoff');
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
    await control('setRateLimit', { perSecond: null });

    await addFault({ kind: 'rateLimit', times: 1 });
    const injected = await failure(taobaoAdapter.getOrder(ctx, '123456789012345678'));
    expect(injected).toMatchObject({ kind: 'backoff', details: expect.objectContaining({ retryAfterMs: 3000 }) });
  });

  it('server failures are retry, cut or HTML bodies are bad_response', async () => {
    const { creds } = await setupShop();
    const fault = (rule: Record<string, unknown>) => addFault({ times: 1, ...rule });
    const window = { from: T0 - MIN, to: T0 };
    await fault({ kind: 'http5xx' });
    expect((await failure(taobaoAdapter.listOrders(ctxFor(creds), window))).kind).toBe('retry');
    await fault({ kind: 'http5xx', status: 503 });
    expect(await failure(taobaoAdapter.listOrders(ctxFor(creds), window))).toMatchObject({ kind: 'retry', details: { httpStatus: 503 } });
    await fault({ kind: 'malformed' });
    expect((await failure(taobaoAdapter.listOrders(ctxFor(creds), window))).kind).toBe('bad_response');
    const html: HttpClient = async () => ({ status: 200, headers: {}, text: '<html><body>系统维护中</body></html>' });
    const err = await failure(taobaoAdapter.listOrders(ctxFor(creds, html), window));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('网页');
  });
});

describe('淘宝 push', () => {
  async function receiver() {
    const got: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks) });
        const ack = taobaoAdapter.pushAck!();
        res.writeHead(ack.status, { 'content-type': ack.contentType }).end(ack.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
    const next = async (count: number) => {
      for (let i = 0; i < 100 && got.length < count; i++) await new Promise((r) => setTimeout(r, 20));
      expect(got.length).toBeGreaterThanOrEqual(count);
      return got[count - 1]!;
    };
    return { url, next, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('accepts a signed payment push and rejects forged, mis-signed, stale and garbled ones', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const inbox = await receiver();
    try {
      await control('setPushUrl', { shopId: shop.shopId, pushUrl: inbox.url });
      const [orderId] = await createOrders(shop.shopId, itemIds[0]!, 1, false);
      await control('pay', { orderId });
      const push = await inbox.next(1);
      const request = { headers: push.headers, body: push.body, query: new URLSearchParams() };

      const notices = taobaoAdapter.parsePush!(creds, request, now);
      expect(notices).toEqual([expect.objectContaining({ orderId, kind: 'paid' })]);
      expect(notices[0]!.messageId).toMatch(/^\d+$/);

      const forged = Buffer.from(push.body.toString('utf8').replace(orderId!, orderId!.replace(/\d$/, (d) => String((Number(d) + 1) % 10))));
      const kindOf = (fn: () => unknown) => {
        try {
          fn();
        } catch (err) {
          return (err as ChannelError).kind;
        }
        return 'accepted';
      };
      expect(kindOf(() => taobaoAdapter.parsePush!(creds, { ...request, body: forged }, now))).toBe('bad_signature');
      expect(kindOf(() => taobaoAdapter.parsePush!({ ...creds, appSecret: 'other' }, request, now))).toBe('bad_signature');
      expect(kindOf(() => taobaoAdapter.parsePush!(creds, { ...request, headers: {} }, now))).toBe('bad_signature');
      expect(kindOf(() => taobaoAdapter.parsePush!(creds, request, now + 11 * MIN))).toBe('bad_signature');
      const garbled = Buffer.from('{"hello":1}');
      const signed = { 'x-top-sign': createHmac('sha256', shop.appSecret).update(garbled).digest('hex').toUpperCase() };
      expect(kindOf(() => taobaoAdapter.parsePush!(creds, { ...request, headers: signed, body: garbled }, now))).toBe('bad_request');

      now += MIN;
      await control('refund', { orderId });
      const refund = await inbox.next(2);
      expect(taobaoAdapter.parsePush!(creds, { headers: refund.headers, body: refund.body, query: new URLSearchParams() }, now)).toEqual([
        expect.objectContaining({ orderId, kind: 'refund' }),
      ]);
    } finally {
      await inbox.close();
    }
  });
});
