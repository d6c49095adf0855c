import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryAfterMs, siteError } from '../../../src-main/core/channels/site/errors.js';
import { orderStatusOf, toPlatformOrder, toRefundNotice } from '../../../src-main/core/channels/site/parse.js';
import { parseSitePush, pushKind } from '../../../src-main/core/channels/site/push.js';
import { signPush, signRequest } from '../../../src-main/core/channels/site/sign.js';

const CHINESE = /[\u4e00-\u9fff]/;
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

describe('独立站 signatures', () => {
  it('push: hex HMAC-SHA256(appSecret, timestamp + "." + rawBody)', () => {
    const body = '{"event_id":"evt_1","type":"order.paid","order":{"id":"SO1"}}';
    expect(signPush('k3y', '1780000000000', Buffer.from(body))).toBe(hmac('k3y', `1780000000000.${body}`));
  });

  it('pull: timestamp, event id, method, target and body joined by newlines', () => {
    const target = '/orders?updated_from=1&updated_to=2&page=1&page_size=200';
    const expected = hmac('k3y', `1780000000000\nkd_abc\nGET\n${target}\n`);
    expect(signRequest('k3y', { timestamp: '1780000000000', eventId: 'kd_abc', method: 'GET', target, body: '' })).toBe(expected);
    // The same timestamp and id on another URL gives another signature: a captured one cannot be reused.
    expect(signRequest('k3y', { timestamp: '1780000000000', eventId: 'kd_abc', method: 'GET', target: '/refunds', body: '' })).not.toBe(expected);
  });

  it('matches the test vectors published in PROTOCOL.md', () => {
    const secret = 'kd_demo_secret_0123456789abcdef0123';
    const body = '{"event_id":"evt_3f9a1c","type":"order.paid","created_at":1780000000000,"app_key":"site-demo","order":{"id":"SO20260601001"}}';
    expect(signPush(secret, '1780000000000', Buffer.from(body))).toBe('f424f77943e86f6550061cd1b55f4c1dd1cb25061e9f41769a010c99dbf90fca');
    const target = '/orders?updated_from=1779996400000&updated_to=1780000000000&page=1&page_size=200';
    expect(signRequest(secret, { timestamp: '1780000000000', eventId: 'kd_7d1e2f', method: 'GET', target, body: '' })).toBe(
      'b0967811e74e36488258faf7734250ff57a9c1a2c58e36df6f091c2cb94b971d',
    );
  });
});

describe('独立站 errors', () => {
  it.each([
    [500, 'unavailable', 'retry'],
    [503, '', 'retry'],
    [429, 'rate_limited', 'backoff'],
    [401, 'bad_signature', 'bad_signature'],
    [401, 'unknown_key', 'give_up'],
    [401, 'stale_timestamp', 'give_up'],
    [401, 'replayed_request', 'retry'],
    [400, 'bad_window', 'give_up'],
    [404, 'order_not_found', 'give_up'],
    [409, 'order_refunded', 'give_up'],
  ])('HTTP %i %s → %s', (status, code, kind) => {
    const err = siteError(status, code, '说明');
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(CHINESE);
    expect(err.details.httpStatus).toBe(status);
  });

  it('waits as long as Retry-After says (seconds or a date), else a default', () => {
    expect(siteError(429, 'rate_limited', '', retryAfterMs('3', 0)).retryAfterMs).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
    expect(siteError(429, '', '').retryAfterMs).toBeGreaterThan(0);
  });
});

describe('独立站 order JSON', () => {
  const raw = {
    id: 'SO1',
    status: 'paid',
    currency: 'CNY',
    amount: 3980,
    created_at: 1_780_000_000_000,
    paid_at: 1_780_000_001_000,
    updated_at: 1_780_000_002_000,
    buyer: { id: 'u1', name: '小王', email: 'w@example.com', phone: '13800000000', ip: '1.2.3.4', device_id: 'dev-9' },
    note: '谢谢',
    risk_flags: ['proxy_ip'],
    lines: [{ id: 'SO1-1', product_id: 'P1', sku_id: 'SKU1', outer_id: 'CARD-M', title: '月卡', quantity: 2, unit_price: 1990, refund_status: 'none', recharge_account: null }],
  };

  it('carries every buyer risk signal and keeps 分 / ms as they are', () => {
    const o = toPlatformOrder(raw);
    expect(o).toMatchObject({
      orderId: 'SO1',
      status: 'paid',
      amountFen: 3980,
      paidAt: 1_780_000_001_000,
      updatedAt: 1_780_000_002_000,
      buyer: { id: 'u1', nick: '小王', email: 'w@example.com', phone: '13800000000', ip: '1.2.3.4', deviceId: 'dev-9' },
      buyerMessage: '谢谢',
      riskFlags: ['proxy_ip'],
    });
    expect(o.lines[0]).toEqual({ lineId: 'SO1-1', itemId: 'P1', skuId: 'SKU1', outerId: 'CARD-M', title: '月卡', quantity: 2, priceFen: 1990, refund: 'none' });
  });

  it('refuses 元 amounts or second timestamps instead of guessing', () => {
    expect(() => toPlatformOrder({ ...raw, amount: 39.8 })).toThrow(expect.objectContaining({ kind: 'bad_response' }));
    expect(() => toPlatformOrder({ ...raw, amount: '39.80' })).toThrow(expect.objectContaining({ kind: 'bad_response' }));
    expect(() => toPlatformOrder({ ...raw, lines: [] })).toThrow(expect.objectContaining({ kind: 'bad_response' }));
  });

  it.each([
    ['pending', 'unpaid'],
    ['paid', 'paid'],
    ['delivered', 'shipped'],
    ['completed', 'done'],
    ['closed', 'closed'],
    ['refunded', 'closed'],
    ['mystery', 'unpaid'],
  ])('status %s → %s', (status, expected) => expect(orderStatusOf(status)).toBe(expected));

  it('reads a refund record', () => {
    expect(toRefundNotice({ id: 'RF1', order_id: 'SO1', line_id: 'SO1-1', status: 'refunded', amount: 1990, updated_at: 5 })).toMatchObject({
      orderId: 'SO1',
      lineId: 'SO1-1',
      refundId: 'RF1',
      state: 'refunded',
      amountFen: 1990,
      updatedAt: 5,
    });
  });
});

describe('独立站 push', () => {
  const creds = { appKey: 'site-1', appSecret: 'k3y' };
  const now = 1_780_000_000_000;
  const body = JSON.stringify({ event_id: 'evt_1', type: 'order.paid', created_at: now, app_key: 'site-1', order: { id: 'SO1' } });
  const request = (raw = body, ts = String(now), eventId = 'evt_1', sig = hmac('k3y', `${ts}.${raw}`)) => ({
    headers: { 'x-keydesk-timestamp': ts, 'x-keydesk-event-id': eventId, 'x-keydesk-signature': sig, 'x-keydesk-app-key': 'site-1' },
    body: Buffer.from(raw),
    query: new URLSearchParams(),
  });

  it('accepts a signed, fresh event', () => {
    expect(parseSitePush(creds, request(), now + 1000)).toEqual([{ orderId: 'SO1', kind: 'paid', messageId: 'evt_1', raw: JSON.parse(body) }]);
    expect([pushKind('order.refunded'), pushKind('order.refund_requested'), pushKind('order.closed'), pushKind('x')]).toEqual(['refund', 'refund', 'closed', 'other']);
  });

  it('rejects stale, forged, mis-signed and mislabelled events', () => {
    expect(() => parseSitePush(creds, request(), now + 6 * 60_000)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
    expect(() => parseSitePush(creds, request(), now - 6 * 60_000)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
    const forged = request();
    forged.body = Buffer.from(body.replace('SO1', 'SO2'));
    expect(() => parseSitePush(creds, forged, now)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
    expect(() => parseSitePush({ ...creds, appSecret: 'other' }, request(), now)).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
    expect(() => parseSitePush(creds, request(body, String(now), 'evt_other'), now)).toThrow(expect.objectContaining({ kind: 'bad_request' }));
    expect(() => parseSitePush(creds, request('not json'), now)).toThrow(expect.objectContaining({ kind: 'bad_request' }));
  });
});
