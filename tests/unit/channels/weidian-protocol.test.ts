// 微店 adapter pure parts: status-code table, order / refund parsing (元 strings, Beijing time,
// status_ori, per-item refund_info).
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { weidianChannelError } from '../../../src-main/core/channels/weidian/errors.js';
import { parseWeidianOrder, refundsOfOrder, statusFromOri } from '../../../src-main/core/channels/weidian/parse.js';

describe('weidianChannelError', () => {
  it.each([
    [10013, 'access_token无效', 'reauth'],
    [10016, 'access_token已过期', 'reauth'],
    [10026, '缺少access_token', 'reauth'],
    [10001, '系统繁忙', 'retry'],
    [10020, '调用过于频繁', 'backoff'],
    [10004, 'appkey或secret错误', 'bad_signature'],
    [10002, '参数错误', 'give_up'],
    [40002, '订单已发货，不能重复发货', 'give_up'],
    [40003, '订单当前状态不能发货', 'give_up'],
    [77777, '别的错误', 'give_up'],
  ])('status_code %i → %s', (code, reason, kind) => {
    const err = weidianChannelError({ status_code: code, status_reason: reason });
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.kind).toBe(kind);
    expect(err.details.platformCode).toBe(code);
    expect(err.message).toContain(reason);
  });

  it('gives a rate limit a wait, the named one when the reason says it', () => {
    expect(weidianChannelError({ status_code: 10020, status_reason: '调用过于频繁' }).retryAfterMs).toBeGreaterThan(0);
    expect(weidianChannelError({ status_code: 10020, status_reason: '请 3 秒后再试' }).retryAfterMs).toBe(3000);
  });
});

describe('parseWeidianOrder', () => {
  const raw = {
    order_id: '791234567890123',
    status_ori: 20,
    refund_status_ori: 0,
    total: '59.70',
    pay_time: '2026-03-01 12:00:00',
    update_time: '2026-03-01 12:00:02',
    note: '发到邮箱',
    user_phone: '13800000000',
    buyer_info: { buyer_id: '88001', name: '小王', phone: '13800000000' },
    items: [
      { item_id: '101', item_name: '月卡', sku_id: '201', merchant_code: 'M', sku_merchant_code: 'M-30', quantity: 3, price: '19.90' },
      { item_id: '102', item_name: '周卡', sku_id: '202', merchant_code: 'W', sku_merchant_code: '', quantity: '1', price: '0' },
    ],
  };

  it('normalises money, times, buyer and lines', () => {
    const order = parseWeidianOrder(raw);
    expect(order).toMatchObject({
      orderId: raw.order_id,
      status: 'paid',
      amountFen: 5970,
      paidAt: Date.parse('2026-03-01T12:00:00+08:00'),
      updatedAt: Date.parse('2026-03-01T12:00:02+08:00'),
      buyer: { id: '88001', nick: '小王', phone: '13800000000' },
      buyerMessage: '发到邮箱',
    });
    expect(order.lines.map((l) => [l.lineId, l.outerId, l.priceFen, l.quantity, l.refund])).toEqual([
      [raw.order_id, 'M-30', 1990, 3, 'none'],
      [`${raw.order_id}-2`, 'W', 0, 1, 'none'],
    ]);
    expect(order.raw).toBe(raw);
  });

  it.each([
    [10, 'unpaid'],
    [21, 'unpaid'],
    [20, 'paid'],
    [30, 'shipped'],
    [31, 'shipped'],
    [40, 'done'],
    [50, 'done'],
    [60, 'closed'],
  ] as const)('status_ori %i → %s', (ori, status) => {
    expect(statusFromOri(ori)).toBe(status);
  });

  it('has no paidAt while unpaid and refuses unknown codes and broken money', () => {
    expect(parseWeidianOrder({ ...raw, status_ori: 10, pay_time: '' }).paidAt).toBeNull();
    expect(() => parseWeidianOrder({ ...raw, status_ori: 99 })).toThrow(expect.objectContaining({ kind: 'bad_response' }) as Error);
    expect(() => parseWeidianOrder({ ...raw, total: '59,70' })).toThrow(expect.objectContaining({ kind: 'bad_response' }) as Error);
  });

  it('reads refund state per item, falling back to the order-level code', () => {
    const items = [
      { ...raw.items[0], refund_info: { refund_no: 'R1', refund_status: '10', refund_fee: '59.70', refund_time: '2026-03-01 13:00:00' } },
      { ...raw.items[1], refund_info: { refund_no: 'R2', refund_status: '1', refund_fee: '0.00', refund_time: '2026-03-01 13:00:00' } },
    ];
    const order = parseWeidianOrder({ ...raw, refund_status_ori: 1, items });
    expect(order.lines.map((l) => l.refund)).toEqual(['refunded', 'requested']);
    const notices = refundsOfOrder({ ...raw, refund_status_ori: 1, items });
    expect(notices.map((n) => [n.refundId, n.lineId, n.state, n.amountFen])).toEqual([
      ['R1', raw.order_id, 'refunded', 5970],
      ['R2', `${raw.order_id}-2`, 'requested', 0],
    ]);
    expect(notices[0]?.updatedAt).toBe(Date.parse('2026-03-01T13:00:00+08:00'));

    expect(parseWeidianOrder({ ...raw, status_ori: 60, refund_status_ori: 2 }).lines.every((l) => l.refund === 'refunded')).toBe(true);
    expect(refundsOfOrder({ ...raw, status_ori: 60, refund_status_ori: 2 })).toEqual([
      expect.objectContaining({ lineId: '', state: 'refunded', amountFen: 5970 }),
    ]);
    expect(refundsOfOrder(raw)).toEqual([]);
  });
});
