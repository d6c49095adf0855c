// 有赞 push signature, answer shapes, error codes, money and time, checked against values computed here.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { unwrap } from '../../../src-main/core/channels/youzan/client.js';
import { tokenRefusal, youzanError } from '../../../src-main/core/channels/youzan/errors.js';
import { signYouzanPush } from '../../../src-main/core/channels/youzan/push.js';
import { parseTrade, youzanUnits } from '../../../src-main/core/channels/youzan/parse.js';
import { formatGmt8 } from '../../../src-main/core/channels/units.js';

function thrown(fn: () => unknown): ChannelError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ChannelError);
    return err as ChannelError;
  }
  throw new Error('expected a ChannelError');
}

describe('有赞 push signature', () => {
  it('is MD5(client_id + msg + client_secret) over msg still URL-encoded, lower-case hex', () => {
    const msg = encodeURIComponent(JSON.stringify({ tid: 'E20260115100000123456789', status: 'WAIT_SELLER_SEND_GOODS' }));
    const expected = createHash('md5').update(Buffer.from(`client123${msg}s3cret`, 'utf8')).digest('hex');
    expect(signYouzanPush('client123', msg, 's3cret')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('有赞 answer shapes', () => {
  it('returns data from a 4.x success and response from an old 3.x success', () => {
    expect(unwrap({ trace_id: 't', code: 200, success: true, message: 'successful', data: { is_success: true } }, 200)).toEqual({ is_success: true });
    expect(unwrap({ response: { is_success: true } }, 200)).toEqual({ is_success: true });
  });

  it.each([
    [{ gw_err_resp: { trace_id: 't', err_code: 4202, err_msg: '请求凭证过期' } }, 'reauth', '4202'],
    [{ gw_err_resp: { err_code: 4203, err_msg: 'Token 不存在' } }, 'reauth', '4203'],
    [{ gw_err_resp: { err_code: 4201, err_msg: '非法的请求凭证' } }, 'reauth', '4201'],
    [{ gw_err_resp: { err_code: 4101, err_msg: '请求太频繁' } }, 'backoff', '4101'],
    [{ gw_err_resp: { err_code: 4204, err_msg: '无权限访问' } }, 'give_up', '4204'],
    [{ gw_err_resp: { err_code: 5001, err_msg: '系统异常' } }, 'give_up', '5001'],
    [{ code: 5000, success: false, message: '每页最多显示100条数据', data: null }, 'give_up', '5000'],
    [{ code: 106000001, success: false, message: '请求超时' }, 'retry', '106000001'],
    [{ code: 123000042, success: false, message: '请求被限流' }, 'backoff', '123000042'],
    [{ msg: '请求被限流', code: 500100004 }, 'backoff', '500100004'],
    [{ error_response: { code: 102570007, msg: '不能重复提交已发过货的商品' } }, 'give_up', '102570007'],
    [{ error_response: { code: 102510001, msg: '不能同时发起两笔相同的发货请求' } }, 'retry', '102510001'],
  ])('%j → %s', (body, kind, code) => {
    const err = thrown(() => unwrap(body, 200));
    expect(err.kind).toBe(kind);
    expect(err.details.platformCode).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message).toContain(code);
  });

  it('waits 3 s after a rate limit unless 有赞 names a time', () => {
    expect(youzanError(4101, '请求太频繁').retryAfterMs).toBe(3000);
    expect(youzanError(4101, '请 10 秒后再试').retryAfterMs).toBe(10_000);
  });

  it('a token refusal asks the owner to check the credentials', () => {
    const err = tokenRefusal(1000, 'client_secret 不正确');
    expect(err.kind).toBe('reauth');
    expect(err.message).toContain('client_secret');
  });

  it('an answer with neither data nor an error is bad_response', () => {
    expect(thrown(() => unwrap({ hello: 1 }, 200)).kind).toBe('bad_response');
    expect(thrown(() => unwrap([1, 2], 200)).kind).toBe('bad_response');
  });
});

describe('有赞 orders', () => {
  const entry = (refundOrder: unknown[], refundState = 0) => ({
    full_order_info: {
      order_info: { tid: 'E20260115100000123456789', status: 'WAIT_SELLER_SEND_GOODS', update_time: '2026-01-15 10:00:05', pay_time: '2026-01-15 10:00:00', refund_state: refundState },
      buyer_info: { yz_open_id: 'yz_1' },
      pay_info: { payment: '39.80' },
      orders: [
        { oid: '111111111111111111', item_id: 1, sku_id: 2, outer_sku_id: 'SKU-A', title: '月卡', num: 2, price: '19.90' },
        { oid: '222222222222222222', item_id: 3, title: '年卡', num: 1, price: 199 },
      ],
    },
    refund_order: refundOrder,
  });

  it('reads money in 分, Beijing times and per-line refunds from refund_order', () => {
    const order = parseTrade(entry([{ refund_state: 60, oids: [{ oid: '222222222222222222' }] }]));
    expect(order).toMatchObject({ status: 'paid', amountFen: 3980, paidAt: Date.UTC(2026, 0, 15, 2, 0, 0), updatedAt: Date.UTC(2026, 0, 15, 2, 0, 5) });
    expect(order.lines.map((l) => [l.lineId, l.priceFen, l.outerId, l.refund])).toEqual([
      ['111111111111111111', 1990, 'SKU-A', 'none'],
      ['222222222222222222', 19900, '', 'refunded'],
    ]);
  });

  it('falls back to the order-level refund_state when there is no refund_order', () => {
    expect(parseTrade(entry([], 11)).lines.every((l) => l.refund === 'requested')).toBe(true);
    expect(parseTrade(entry([], 12)).lines.every((l) => l.refund === 'refunded')).toBe(true);
  });

  it('a missing field is bad_response, not a silently wrong order', () => {
    const broken = entry([]);
    delete (broken.full_order_info as Record<string, unknown>).pay_info;
    expect(thrown(() => parseTrade(broken)).kind).toBe('bad_response');
  });
});

describe('有赞 money and time', () => {
  it.each([['9.82', 982], ['13', 1300], ['0.1', 10], [199, 19900]] as const)('%s 元 → %i 分', (yuan, fen) => {
    expect(youzanUnits.yuanToFen(yuan, 'payment')).toBe(fen);
  });
  it.each(['9.825', '', 'NaN'])('refuses %s', (bad) => {
    expect(() => youzanUnits.yuanToFen(bad, 'payment')).toThrow(ChannelError);
  });
  it('reads and writes Beijing time', () => {
    expect(youzanUnits.parseGmt8('2019-06-01 17:26:25', 'update_time')).toBe(Date.UTC(2019, 5, 1, 9, 26, 25));
    expect(formatGmt8(Date.UTC(2019, 5, 1, 9, 26, 25, 500))).toBe('2019-06-01 17:26:25');
    expect(() => youzanUnits.parseGmt8('2019-06-01', 'update_time')).toThrow(ChannelError);
  });
});
