// 淘宝 signing, error codes, money and time, checked against values computed here by hand.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { topBanMs, topError } from '../../../src-main/core/channels/taobao/errors.js';
import { quoteLongIds, taobaoUnits } from '../../../src-main/core/channels/taobao/format.js';
import { formatGmt8 } from '../../../src-main/core/channels/units.js';
import { topSign, topSignBase } from '../../../src-main/core/channels/taobao/sign.js';
import { ChannelError } from '../../../src-main/core/channels/errors.js';

const SECRET = 'helloworld';
const PARAMS = {
  v: '2.0',
  method: 'taobao.trade.fullinfo.get',
  app_key: '12345678',
  session: 'test-session',
  timestamp: '2026-01-15 10:00:00',
  format: 'json',
  sign_method: 'hmac-sha256',
  fields: 'tid,status,payment',
  tid: '123456789012345678',
  empty: '',
  sign: 'IGNORED',
};
// Written out by hand: keys in ASCII order, `sign` and the empty value left out.
const BASE =
  'app_key12345678fieldstid,status,paymentformatjsonmethodtaobao.trade.fullinfo.getsessiontest-session' +
  'sign_methodhmac-sha256tid123456789012345678timestamp2026-01-15 10:00:00v2.0';

describe('淘宝 signature', () => {
  it('joins the sorted parameters without sign or empty values', () => {
    expect(topSignBase(PARAMS)).toBe(BASE);
  });

  it.each([
    ['md5', createHash('md5').update(SECRET + BASE + SECRET).digest('hex')],
    ['hmac', createHmac('md5', SECRET).update(BASE).digest('hex')],
    ['hmac-sha256', createHmac('sha256', SECRET).update(BASE).digest('hex')],
  ] as const)('%s matches the independently computed upper-case hex', (method, expected) => {
    expect(topSign(PARAMS, SECRET, method)).toBe(expected.toUpperCase());
  });

  it('signs Chinese values as UTF-8', () => {
    const params = { a: '月卡', b: '1' };
    expect(topSign(params, SECRET, 'hmac-sha256')).toBe(createHmac('sha256', SECRET).update(Buffer.from('a月卡b1', 'utf8')).digest('hex').toUpperCase());
  });
});

describe('淘宝 error codes', () => {
  it.each([
    [{ code: 7, msg: 'App Call Limited', sub_msg: 'This ban will last 71 more seconds' }, 'backoff', 71_000],
    [{ code: 7, msg: 'App Call Limited', sub_msg: 'This ban will last 3 seconds' }, 'backoff', 3_000],
    [{ code: 7, msg: 'App Call Limited' }, 'backoff', 5_000],
    [{ code: 15, msg: 'Remote service error', sub_code: 'isp.remote-service-timeout' }, 'retry', undefined],
    [{ code: 50, msg: 'x', sub_code: 'isp.top-remote-connection-timeout' }, 'retry', undefined],
    [{ code: 10, msg: 'Service currently unavailable' }, 'retry', undefined],
    [{ code: 15, msg: 'Remote service error', sub_code: 'isv.trade-not-exist' }, 'give_up', undefined],
    [{ code: 11, msg: 'Insufficient isv permissions' }, 'give_up', undefined],
    [{ code: 25, msg: 'Invalid signature' }, 'reauth', undefined],
    [{ code: 27, msg: 'Invalid session', sub_code: 'session-expired' }, 'reauth', undefined],
    [{ code: 29, msg: 'Invalid app Key' }, 'reauth', undefined],
    [{ code: 31, msg: 'Invalid timestamp' }, 'give_up', undefined],
    [{ code: 40, msg: 'Missing required arguments:tid' }, 'give_up', undefined],
    [{ code: 41, msg: 'Invalid arguments', sub_code: 'isv.invalid-parameter' }, 'give_up', undefined],
    [{ code: 50, msg: 'Remote service error', sub_code: 'isv.invalid-parameter' }, 'give_up', undefined],
  ])('%j → %s', (body, kind, retryAfterMs) => {
    const err = topError(body);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.kind).toBe(kind);
    expect(err.retryAfterMs).toBe(retryAfterMs);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message).toContain(String(body.code));
  });

  it('reads both ban wordings', () => {
    expect(topBanMs('This ban will last 12 more seconds')).toBe(12_000);
    expect(topBanMs('ban will last 4 seconds')).toBe(4_000);
    expect(topBanMs('App Call Limited')).toBeUndefined();
  });
});

describe('淘宝 money and time', () => {
  it.each([
    ['200.07', 20007],
    ['0.5', 50],
    ['12', 1200],
    ['12.', 1200],
    ['0.10', 10],
    ['1.000', 100],
    [9.82, 982],
    ['-3.10', -310],
  ] as const)('%s 元 → %i 分', (yuan, fen) => {
    expect(taobaoUnits.yuanToFen(yuan, 'payment')).toBe(fen);
  });

  it.each(['1.005', 'abc', '', '1,000.00', '1e3', 0.1 + 0.2])('refuses %s instead of rounding', (bad) => {
    expect(() => taobaoUnits.yuanToFen(bad, 'payment')).toThrow(ChannelError);
  });

  it('reads Beijing time as +08:00 and writes it back', () => {
    expect(taobaoUnits.parseGmt8('2026-01-15 10:00:00', 'modified')).toBe(Date.UTC(2026, 0, 15, 2, 0, 0));
    expect(taobaoUnits.parseGmt8('2026-01-01 07:59:59', 'modified')).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
    expect(formatGmt8(Date.UTC(2025, 11, 31, 16, 0, 0, 999))).toBe('2026-01-01 00:00:00');
  });

  it.each(['2026-02-30 00:00:00', '2026-01-15T10:00:00', '2026-01-15 10:00', '2026-1-15 10:00:00'])('refuses %s', (bad) => {
    expect(() => taobaoUnits.parseGmt8(bad, 'modified')).toThrow(ChannelError);
  });

  it('keeps every digit of int64 ids, and leaves text inside strings alone', () => {
    const text = '{"tid":812345678901234567,"num":2,"refund_id":912345678901234567,"num_iid":123,"content":"{\\"tid\\":812345678901234567}"}';
    const parsed = JSON.parse(quoteLongIds(text)) as Record<string, unknown>;
    expect(parsed).toEqual({ tid: '812345678901234567', num: 2, refund_id: '912345678901234567', num_iid: 123, content: '{"tid":812345678901234567}' });
  });
});
