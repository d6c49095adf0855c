// 有赞 adapter against the 有赞 simulator: silent tokens and refresh, paging, faults, delivery
// idempotency, error kinds and push.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelError } from '../../../src-main/core/channels/errors.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import type { ChannelContext, DeliveryRequest, HttpClient, ShopCredentials } from '../../../src-main/core/channels/types.js';
import { youzanAdapter } from '../../../src-main/core/channels/youzan/index.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { createYouzanSimulator } from '../../../src-main/sandbox/platforms/youzan/index.js';
import { type Ledger, failure, sandboxControls } from './harness.js';

const T0 = Date.UTC(2026, 0, 15, 2, 0, 0); // 2026-01-15 10:00:00 in Beijing
const MIN = 60_000;
const DAY = 1440 * MIN;

interface Shop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  tokenExpiresAt: number;
}
let now: number;
let sb: Sandbox;
const { control, addFault } = sandboxControls('youzan', () => sb);

beforeEach(async () => {
  now = T0;
  sb = await startSandbox({ simulators: [createYouzanSimulator({ clock: () => now })] });
});
afterEach(async () => {
  await sb.close();
});

/** Credentials as the owner types them: no token, KeyDesk fetches it. */
async function setupShop(): Promise<{ shop: Shop; creds: ShopCredentials; itemIds: string[] }> {
  const shop = await control<Shop>('createShop', { name: '有赞测试店' });
  const itemIds: string[] = [];
  for (const [title, priceFen] of [['月卡', 1990], ['年卡', 19900]] as const) {
    itemIds.push((await control<{ itemId: string }>('createItem', { shopId: shop.shopId, title, priceFen, outerId: `YZ-${priceFen}` })).itemId);
  }
  return { shop, creds: { appKey: shop.appKey, appSecret: shop.appSecret, shopRef: shop.shopId, endpoint: `${sb.url}/youzan` }, itemIds };
}

function ctxFor(creds: ShopCredentials, http: HttpClient = createHttpClient(), saved: ShopCredentials[] = []): ChannelContext {
  return { creds, http, now: () => now, saveCreds: (next) => saved.push(next) };
}

async function createOrders(shopId: string, itemId: string, count: number, pay = true): Promise<string[]> {
  const made = await control<{ orders?: { orderId: string }[]; orderId?: string }>('createOrder', { shopId, lines: [{ itemId }], pay, count });
  return made.orders ? made.orders.map((o) => o.orderId) : [made.orderId!];
}

const beijing = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

async function raw(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sb.url}/youzan${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

function deliveryFor(orderId: string, lineIds: string[], lineId: string, message = '卡号 Y1 密码 Q1'): DeliveryRequest {
  return { order: { orderId, lineIds }, line: { lineId, skuId: '', quantity: 1 }, message, keys: [{ cardNo: 'Y1', secret: 'Q1', expiresAt: null }] };
}

describe('有赞 orders', () => {
  it('fetches a token on its own, then finds 260 orders across pages and two windows, each once', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const created = [...(await createOrders(shop.shopId, itemIds[0]!, 150))];
    now += 10 * MIN;
    created.push(...(await createOrders(shop.shopId, itemIds[0]!, 60)));
    now += 30 * MIN;
    created.push(...(await createOrders(shop.shopId, itemIds[0]!, 50)));
    now = T0 + 2 * 60 * MIN;

    const saved: ShopCredentials[] = [];
    const first = await youzanAdapter.listOrders(ctxFor(creds, undefined, saved), { from: T0 - MIN, to: T0 + 20 * MIN });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.accessToken).toBeTruthy();
    expect(saved[0]!.tokenExpiresAt).toBeGreaterThan(now);
    const second = await youzanAdapter.listOrders(ctxFor(saved[0]!, undefined, saved), { from: T0 + 20 * MIN, to: T0 + 60 * MIN });
    expect(saved).toHaveLength(1); // the saved token is reused
    expect(first).toHaveLength(210);
    expect(second).toHaveLength(50);
    const found = [...first, ...second].map((o) => o.orderId);
    expect(new Set(found)).toEqual(new Set(created));
    expect(found).toHaveLength(260);

    const order = first.find((o) => o.orderId === created[0])!;
    expect(order.orderId).toMatch(/^E20260115100000\d{9}$/);
    expect(order).toMatchObject({ status: 'paid', platformStatus: 'WAIT_SELLER_SEND_GOODS', amountFen: 1990, paidAt: T0, updatedAt: T0 });
    expect(order.lines[0]).toMatchObject({ itemId: itemIds[0], outerId: 'YZ-1990', quantity: 1, priceFen: 1990, refund: 'none' });
  });

  it('still yields each order once when the platform repeats and reorders rows across pages', async () => {
    const { shop, creds, itemIds } = await setupShop();
    await createOrders(shop.shopId, itemIds[0]!, 250);
    const served: string[] = [];
    const base = createHttpClient();
    const counting: HttpClient = async (req) => {
      const res = await base(req);
      served.push(...[...res.text.matchAll(/"tid":"(E\d+)"/g)].map((m) => m[1]!));
      return res;
    };
    await addFault({ kind: 'duplicate' });
    const orders = await youzanAdapter.listOrders(ctxFor(creds, counting), { from: T0 - MIN, to: T0 + MIN });
    expect(served.length).toBeGreaterThan(250 + 100); // duplicates really were served (beyond the re-read page 1)
    expect(orders).toHaveLength(250);
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(250);
  });

  it('misses nothing when an order leaves the window while the pages are being read', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const created = await createOrders(shop.shopId, itemIds[0]!, 250);
    const moved = created[249]!; // newest first: heads page 1
    const base = createHttpClient();
    let listCalls = 0;
    const meddling: HttpClient = async (req) => {
      const res = await base(req);
      if (req.url.includes('trades.sold.get') && ++listCalls === 2) {
        now += 5 * MIN;
        await control('refund', { orderId: moved, requestOnly: true });
      }
      return res;
    };
    const orders = await youzanAdapter.listOrders(ctxFor(creds, meddling), { from: T0 - MIN, to: T0 + MIN });
    const found = new Set(orders.map((o) => o.orderId));
    expect(created.filter((id) => id !== moved && !found.has(id))).toEqual([]);
  });

  it('reads one order back, answers null for an unknown one, and names the shop', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [orderId] = await createOrders(shop.shopId, itemIds[1]!, 1);
    expect(await youzanAdapter.getOrder(ctxFor(creds), orderId!)).toMatchObject({ orderId, status: 'paid', amountFen: 19900 });
    expect(await youzanAdapter.getOrder(ctxFor(creds), 'E20260101000000123456789')).toBeNull();
    expect(await youzanAdapter.testConnection(ctxFor(creds))).toEqual({ shopName: '有赞测试店' });
  });

  it('lists refunds with their state and amount, and shows them on the order lines', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [refunded, asked] = await createOrders(shop.shopId, itemIds[0]!, 2);
    now += MIN;
    await control('refund', { orderId: refunded });
    await control('refund', { orderId: asked, requestOnly: true });
    const window = { from: T0, to: T0 + 5 * MIN };
    const refunds = await youzanAdapter.listRefunds(ctxFor(creds), window);
    expect(refunds.map((r) => [r.orderId, r.state, r.amountFen]).sort()).toEqual([[refunded, 'refunded', 1990], [asked, 'requested', 1990]].sort());
    expect(refunds.every((r) => /^\d{18}$/.test(r.lineId) && /^\d{24}$/.test(r.refundId))).toBe(true);
    const orders = await youzanAdapter.listOrders(ctxFor(creds), window);
    expect(orders.find((o) => o.orderId === refunded)).toMatchObject({ status: 'closed', lines: [expect.objectContaining({ refund: 'refunded' })] });
    expect(orders.find((o) => o.orderId === asked)!.lines[0]!.refund).toBe('requested');
  });
});

describe('有赞 delivery', () => {
  it('delivers once; a repeat answers already and the buyer received one message', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [orderId] = await createOrders(shop.shopId, itemIds[0]!, 1);
    const lineIds = (await youzanAdapter.getOrder(ctxFor(creds), orderId!))!.lines.map((l) => l.lineId);
    const request = deliveryFor(orderId!, lineIds, lineIds[0]!);
    expect((await youzanAdapter.deliver(ctxFor(creds), request)).result).toBe('delivered');
    expect((await youzanAdapter.deliver(ctxFor(creds), request)).result).toBe('already');
    const ledger = await control<Ledger[]>('ledger');
    expect(ledger.find((l) => l.orderId === orderId)!.deliveries).toEqual([expect.objectContaining({ lineId: lineIds[0], content: '卡号 Y1 密码 Q1' })]);
    expect((await youzanAdapter.getOrder(ctxFor(creds), orderId!))!.status).toBe('shipped');
  });

  it('delivers the lines of a two-line order one at a time', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const made = await control<{ orderId: string; lines: { lineId: string }[] }>('createOrder', {
      shopId: shop.shopId, lines: [{ itemId: itemIds[0] }, { itemId: itemIds[1] }], pay: true,
    });
    const lineIds = made.lines.map((l) => l.lineId);
    expect((await youzanAdapter.deliver(ctxFor(creds), deliveryFor(made.orderId, lineIds, lineIds[0]!, 'first'))).result).toBe('delivered');
    expect((await youzanAdapter.getOrder(ctxFor(creds), made.orderId))!.status).toBe('paid');
    expect((await youzanAdapter.deliver(ctxFor(creds), deliveryFor(made.orderId, lineIds, lineIds[1]!, 'second'))).result).toBe('delivered');
    expect((await youzanAdapter.deliver(ctxFor(creds), deliveryFor(made.orderId, lineIds, lineIds[0]!, 'again'))).result).toBe('already');
    const ledger = await control<Ledger[]>('ledger');
    expect(ledger.find((l) => l.orderId === made.orderId)!.deliveries.map((d) => [d.lineId, d.content])).toEqual([
      [lineIds[0], 'first'],
      [lineIds[1], 'second'],
    ]);
  });

  it('never sends the keys to a real gateway', async () => {
    const calls: { url: string; body: string }[] = [];
    const gateway: HttpClient = async (req) => {
      calls.push({ url: req.url, body: req.body ?? '' });
      return { status: 200, headers: {}, text: '{"trace_id":"t","code":200,"success":true,"data":{"is_success":true}}' };
    };
    const creds = { appKey: 'c', appSecret: 's', shopRef: '1', accessToken: 't', tokenExpiresAt: now + DAY };
    const outcome = await youzanAdapter.deliver(ctxFor(creds, gateway), deliveryFor('E20260115100000123456789', ['123'], '123'));
    expect(outcome.result).toBe('delivered');
    expect(calls.map((c) => c.url)).toEqual(['https://open.youzanyun.com/api/youzan.logistics.online.confirm/3.0.0?access_token=t']);
    expect(JSON.parse(calls[0]!.body)).toEqual({ tid: 'E20260115100000123456789', is_no_express: 1 });
  });

  it('refuses to deliver an unpaid or refunded order (give_up) and records nothing', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const [unpaid] = await createOrders(shop.shopId, itemIds[0]!, 1, false);
    const [refunded] = await createOrders(shop.shopId, itemIds[0]!, 1);
    await control('refund', { orderId: refunded });
    for (const orderId of [unpaid!, refunded!]) {
      const lineIds = (await youzanAdapter.getOrder(ctxFor(creds), orderId))!.lines.map((l) => l.lineId);
      const err = await failure(youzanAdapter.deliver(ctxFor(creds), deliveryFor(orderId, lineIds, lineIds[0]!)));
      expect(err.kind).toBe('give_up');
      expect(err.message).toMatch(/不允许.*发货/);
    }
    expect((await control<Ledger[]>('ledger')).flatMap((l) => l.deliveries)).toEqual([]);
  });
});

describe('有赞 tokens, gateway rules and errors', () => {
  it('a wrong client_secret is refused at the token endpoint and asks the owner to fix the credentials', async () => {
    const { creds } = await setupShop();
    const err = await failure(youzanAdapter.listOrders(ctxFor({ ...creds, appSecret: 'wrong' }), { from: T0 - MIN, to: T0 }));
    expect(err.kind).toBe('reauth');
    expect(err.message).toContain('client_secret');
  });

  it('an expired token is refreshed inside the call, saved, and the call retried once', async () => {
    const { shop, creds, itemIds } = await setupShop();
    await createOrders(shop.shopId, itemIds[0]!, 3);
    const withToken = { ...creds, accessToken: shop.accessToken, tokenExpiresAt: shop.tokenExpiresAt };
    await control('expireToken', { shopId: shop.shopId });
    const saved: ShopCredentials[] = [];
    const orders = await youzanAdapter.listOrders(ctxFor(withToken, undefined, saved), { from: T0 - MIN, to: T0 + MIN });
    expect(orders).toHaveLength(3);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.accessToken).not.toBe(shop.accessToken);
    const state = await (await fetch(`${sb.url}/_control/youzan/state`)).json() as { shops: Shop[] };
    expect(state.shops[0]!.accessToken).toBe(saved[0]!.accessToken);

    // A token KeyDesk already knows to be expiring is refreshed before the first call.
    const tokenCalls: string[] = [];
    const base = createHttpClient();
    const watching: HttpClient = (req) => {
      tokenCalls.push(req.url);
      return base(req);
    };
    await youzanAdapter.getOrder(ctxFor({ ...saved[0]!, tokenExpiresAt: now - 1 }, watching), 'E20260101000000123456789');
    expect(tokenCalls.map((u) => new URL(u).pathname)).toEqual(['/youzan/auth/token', '/youzan/api/youzan.trade.get/4.0.2']);
  });

  it('enforces windows, page sizes and parameter formats, as 有赞 answers them', async () => {
    const { shop } = await setupShop();
    const list = (body: Record<string, unknown>) =>
      raw(`/api/youzan.trades.sold.get/4.0.4?access_token=${shop.accessToken}`, { start_update: beijing(now - DAY), end_update: beijing(now), ...body });
    expect(await list({})).toMatchObject({ code: 200, success: true });
    expect(await list({ start_update: beijing(now - 366 * DAY) })).toMatchObject({ success: false, code: 5000 });
    expect(await list({ page_size: 101 })).toMatchObject({ success: false, code: 5000, message: '每页最多显示100条数据' });
    expect(await list({ page_no: 101 })).toMatchObject({ success: false, code: 5000 });
    expect(await list({ start_update: '2026-01-14' })).toMatchObject({ gw_err_resp: { err_code: 5001 } });
    const refunds = (body: Record<string, unknown>) =>
      raw(`/api/youzan.trade.refund.search/3.0.1?access_token=${shop.accessToken}`, { update_time_start: Math.floor((now - DAY) / 1000), update_time_end: Math.floor(now / 1000), ...body });
    expect(await refunds({ page_no: 31, page_size: 100 })).toMatchObject({ error_response: { code: 5000 } });
    expect(await raw('/api/youzan.trade.get/4.0.2', { tid: 'E1' })).toMatchObject({ gw_err_resp: { err_code: 4201 } });
    expect(await raw('/api/youzan.trade.get/4.0.2?access_token=forged', { tid: 'E1' })).toMatchObject({ gw_err_resp: { err_code: 4203 } });
    expect(await raw(`/api/youzan.trade.nothing/4.0.2?access_token=${shop.accessToken}`, {})).toMatchObject({ gw_err_resp: { err_code: 4005 } });
    expect(await raw('/auth/token', { client_id: shop.appKey, client_secret: shop.appSecret, authorize_type: 'silent', grant_id: '1' }))
      .toMatchObject({ success: false, code: 1103 });
  });

  it('rate limits become backoff with 有赞’s advised wait', async () => {
    const { creds } = await setupShop();
    const saved: ShopCredentials[] = [];
    await youzanAdapter.testConnection(ctxFor(creds, undefined, saved));
    const ctx = ctxFor(saved[0]!);
    await control('setRateLimit', { perSecond: 1 });
    await youzanAdapter.getOrder(ctx, 'E20260101000000123456789');
    const limited = await failure(youzanAdapter.getOrder(ctx, 'E20260101000000123456789'));
    expect(limited).toMatchObject({ kind: 'backoff', details: expect.objectContaining({ platformCode: '4101', retryAfterMs: 3000 }) });
    await control('setRateLimit', { perSecond: null });
    await addFault({ kind: 'rateLimit', times: 1 });
    expect((await failure(youzanAdapter.getOrder(ctx, 'E20260101000000123456789'))).kind).toBe('backoff');
  });

  it('a 502 page is retry, cut or HTML bodies are bad_response', async () => {
    const { creds } = await setupShop();
    const window = { from: T0 - MIN, to: T0 };
    await addFault({ kind: 'http5xx', times: 1, pathPrefix: '/api' });
    expect(await failure(youzanAdapter.listOrders(ctxFor(creds), window))).toMatchObject({ kind: 'retry', details: { httpStatus: 502 } });
    await addFault({ kind: 'malformed', times: 1, pathPrefix: '/api' });
    expect((await failure(youzanAdapter.listOrders(ctxFor(creds), window))).kind).toBe('bad_response');
    const html: HttpClient = async () => ({ status: 200, headers: {}, text: '<!DOCTYPE html><html>升级维护</html>' });
    const err = await failure(youzanAdapter.listOrders(ctxFor({ ...creds, accessToken: 't', tokenExpiresAt: now + DAY }, html), window));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('网页');
  });
});

describe('有赞 push', () => {
  async function receiver() {
    const got: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks) });
        const ack = youzanAdapter.pushAck!();
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

  const kindOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      return (err as ChannelError).kind;
    }
    return 'accepted';
  };

  it('accepts a signed payment push and rejects forged, mis-signed and garbled ones; a replay keeps its id', async () => {
    const { shop, creds, itemIds } = await setupShop();
    const inbox = await receiver();
    try {
      await control('setPushUrl', { shopId: shop.shopId, pushUrl: inbox.url });
      const [orderId] = await createOrders(shop.shopId, itemIds[0]!, 1, false);
      await control('pay', { orderId });
      const push = await inbox.next(1);
      expect(push.headers['content-type']).toContain('application/x-www-form-urlencoded');
      const request = { headers: push.headers, body: push.body, query: new URLSearchParams() };

      const notices = youzanAdapter.parsePush!(creds, request, now);
      expect(notices).toEqual([expect.objectContaining({ orderId, kind: 'paid' })]);
      expect(youzanAdapter.parsePush!(creds, request, now + DAY)[0]!.messageId).toBe(notices[0]!.messageId);

      const fields = new URLSearchParams(push.body.toString('utf8'));
      // The signature covers msg exactly as sent, computed here by hand.
      expect(fields.get('sign')).toBe(createHash('md5').update(`${shop.appKey}${fields.get('msg')}${shop.appSecret}`).digest('hex'));
      const forgedFields = new URLSearchParams(fields);
      forgedFields.set('msg', encodeURIComponent(JSON.stringify({ tid: 'E20260101000000999999999', status: 'WAIT_SELLER_SEND_GOODS' })));
      expect(kindOf(() => youzanAdapter.parsePush!(creds, { ...request, body: Buffer.from(forgedFields.toString()) }, now))).toBe('bad_signature');
      expect(kindOf(() => youzanAdapter.parsePush!({ ...creds, appSecret: 'other' }, request, now))).toBe('bad_signature');
      const unsigned = new URLSearchParams(fields);
      unsigned.delete('sign');
      expect(kindOf(() => youzanAdapter.parsePush!(creds, { ...request, body: Buffer.from(unsigned.toString()) }, now))).toBe('bad_request');
      expect(kindOf(() => youzanAdapter.parsePush!(creds, { ...request, body: Buffer.from('{"client_id":') }, now))).toBe('bad_request');

      now += MIN;
      await control('refund', { orderId });
      const refund = await inbox.next(2);
      expect(youzanAdapter.parsePush!(creds, { headers: refund.headers, body: refund.body, query: new URLSearchParams() }, now)).toEqual([
        expect.objectContaining({ orderId, kind: 'refund' }),
      ]);
    } finally {
      await inbox.close();
    }
  });
});
