// The 独立站 verification callback's checks (PROTOCOL.md §4.1): the push signature rules, then its fields.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { parseVerifyCallback } from '../../../src-main/core/channels/site/verify-code.js';

const creds = { appKey: 'site-demo', appSecret: 'kd_demo_secret_0123456789abcdef0123' };
const NOW = 1_780_000_000_000;

function request(body: Record<string, unknown> | string, options: { at?: number; secret?: string; eventId?: string; appKey?: string } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const at = String(options.at ?? NOW);
  return {
    headers: {
      'X-KeyDesk-App-Key': options.appKey ?? creds.appKey,
      'x-keydesk-timestamp': at,
      'x-keydesk-event-id': options.eventId ?? 'evt_1',
      'x-keydesk-signature': createHmac('sha256', options.secret ?? creds.appSecret).update(`${at}.${text}`).digest('hex'),
    },
    body: Buffer.from(text),
    query: new URLSearchParams(),
  };
}

const good = { event_id: 'evt_1', type: 'verify.code_entered', order_id: 'SO1', line_id: 'SO1-1', code: '048213' };

function kindOf(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ChannelError) return [err.kind, err.message];
    throw err;
  }
  return ['none', ''];
}

describe('独立站 verification callback', () => {
  it('reads a correctly signed callback', () => {
    expect(parseVerifyCallback(creds, request(good), NOW)).toEqual({ eventId: 'evt_1', orderId: 'SO1', lineId: 'SO1-1', code: '048213' });
    expect(parseVerifyCallback(creds, request({ ...good, line_id: '' }), NOW).lineId).toBeUndefined();
  });

  it.each<[string, ReturnType<typeof request>, string, RegExp]>([
    ['a wrong secret', request(good, { secret: 'another-secret-0123456789abcdef0123' }), 'bad_signature', /签名不对/],
    ['a timestamp 6 minutes old', request(good, { at: NOW - 6 * 60_000 }), 'bad_signature', /超出 5 分钟/],
    ['another App Key', request(good, { appKey: 'other' }), 'bad_signature', /App Key/],
    ['a body event id unlike the header', request(good, { eventId: 'evt_2' }), 'bad_request', /event_id/],
    ['no order id', request({ ...good, order_id: '' }), 'bad_request', /order_id/],
    ['a code with letters', request({ ...good, code: '12a456' }), 'bad_request', /4–8 位数字/],
    ['a code of 3 digits', request({ ...good, code: '123' }), 'bad_request', /4–8 位数字/],
    ['a body that is not JSON', request('{"event_id":'), 'bad_request', /不是 JSON/],
  ])('refuses %s', (_name, req, kind, words) => {
    const [k, message] = kindOf(() => parseVerifyCallback(creds, req, NOW));
    expect(k).toBe(kind);
    expect(message).toMatch(words);
  });

  it('refuses a callback without its signature headers', () => {
    const req = request(good);
    delete (req.headers as Record<string, string | undefined>)['x-keydesk-signature'];
    expect(kindOf(() => parseVerifyCallback(creds, req, NOW))).toEqual(['bad_signature', '独立站回传验证码缺少签名请求头']);
  });
});
