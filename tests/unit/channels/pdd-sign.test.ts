// 拼多多 adapter pure parts: the MD5 signature against strings built by hand, the error-code table,
// 元 → 分 and Beijing-time parsing, status mapping.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { isAlreadyShipped, pddChannelError } from '../../../src-main/core/channels/pdd/errors.js';
import { parsePddOrder, parsePddRefund, pddUnits, statusFrom } from '../../../src-main/core/channels/pdd/parse.js';
import { pddSign, withoutNulls } from '../../../src-main/core/channels/pdd/sign.js';
import { formatGmt8 } from '../../../src-main/core/channels/units.js';

const md5Upper = (s: string) => createHash('md5').update(s, 'utf8').digest('hex').toUpperCase();

describe('pddSign', () => {
  it('signs MD5(secret + sorted key+value + secret) in upper case', () => {
    const params = {
      type: 'pdd.order.information.get',
      client_id: 'c1',
      access_token: 'tok',
      timestamp: '1700000000',
      data_type: 'JSON',
      order_sn: '231114-123456789012345',
    };
    const plain =
      'sec' +
      'access_tokentok' +
      'client_idc1' +
      'data_typeJSON' +
      'order_sn231114-123456789012345' +
      'timestamp1700000000' +
      'typepdd.order.information.get' +
      'sec';
    expect(pddSign(params, 'sec')).toBe(md5Upper(plain));
    expect(pddSign(params, 'sec')).toMatch(/^[0-9A-F]{32}$/);
  });

  it('writes booleans lower case, numbers in decimal, nested objects as JSON, and drops nulls and sign', () => {
    const params = {
      type: 't',
      page: 2,
      use_has_next: true,
      is_lucky_flag: false,
      filter: { a: 1, b: ['x', 'y'] },
      memo: null,
      note: undefined,
      sign: 'OLD',
    };
    const plain = 'k' + 'filter{"a":1,"b":["x","y"]}' + 'is_lucky_flagfalse' + 'page2' + 'typet' + 'use_has_nexttrue' + 'k';
    expect(pddSign(params, 'k')).toBe(md5Upper(plain));
  });

  it('sorts keys by ASCII (upper case before lower case, underscore between)', () => {
    const plain = 's' + 'B1' + 'a_b3' + 'ab2' + 's';
    expect(pddSign({ ab: '2', a_b: '3', B: '1' }, 's')).toBe(md5Upper(plain));
  });

  it('changes when any value or the secret changes', () => {
    const base = { type: 't', page: 1 };
    expect(pddSign(base, 's')).not.toBe(pddSign({ ...base, page: 2 }, 's'));
    expect(pddSign(base, 's')).not.toBe(pddSign(base, 's2'));
  });

  it('withoutNulls keeps false and 0 but drops null/undefined', () => {
    expect(withoutNulls({ a: null, b: undefined, c: 0, d: false, e: '' })).toEqual({ c: 0, d: false, e: '' });
  });
});

describe('pddChannelError', () => {
  it.each([
    [10019, 'access_token已过期', 'reauth'],
    [10016, 'client下线或者clientId不正确', 'reauth'],
    [20004, '签名验证失败', 'bad_signature'],
    [52101, '当前接口调用次数超过限制', 'backoff'],
    [52102, '限流', 'backoff'],
    [52103, '服务暂时不可用', 'backoff'],
    [70031, '调用过于频繁', 'backoff'],
    [10000, '参数错误', 'give_up'],
    [50000, '业务服务错误', 'give_up'],
    [99999, '未知', 'give_up'],
  ])('code %i → %s', (code, msg, kind) => {
    const err = pddChannelError({ error_code: code, error_msg: msg, sub_msg: msg });
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.kind).toBe(kind);
    expect(err.details.platformCode).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message).toContain(msg);
  });

  it('gives throttling a wait: the ban length when named, else a default', () => {
    expect(pddChannelError({ error_code: 70031, error_msg: '调用过于频繁', sub_msg: 'ban will last 7 seconds' }).retryAfterMs).toBe(7000);
    expect(pddChannelError({ error_code: 52101, error_msg: '超过限制' }).retryAfterMs).toBeGreaterThan(0);
  });

  it('tells a clock problem apart from other parameter errors', () => {
    const err = pddChannelError({ error_code: 10000, error_msg: '参数错误', sub_msg: 'timestamp 已过期' });
    expect(err.kind).toBe('give_up');
    expect(err.message).toContain('系统时间');
  });

  it('recognises the "already shipped" business error only', () => {
    expect(isAlreadyShipped({ error_code: 50000, error_msg: '业务服务错误', sub_msg: '订单已发货，请勿重复发货' })).toBe(true);
    expect(isAlreadyShipped({ error_code: 50000, error_msg: '业务服务错误', sub_msg: '订单已关闭' })).toBe(false);
    expect(isAlreadyShipped({ error_code: 10000, error_msg: '已发货' })).toBe(false);
  });
});

describe('units', () => {
  it.each([
    ['19.90', 1990],
    ['19.9', 1990],
    [19.9, 1990],
    ['19', 1900],
    ['0.01', 1],
    [0.29, 29],
    ['1234567.89', 123456789],
    ['5.500', 550],
  ])('yuanToFen(%j) = %i', (input, fen) => {
    expect(pddUnits.yuanToFen(input, 'pay_amount')).toBe(fen);
  });

  it.each([['abc'], ['-1.00'], ['1.005'], [''], [null], ['1e3']])('rejects %j as bad_response', (input) => {
    expect(() => pddUnits.yuanToFen(input, 'pay_amount')).toThrow(expect.objectContaining({ kind: 'bad_response' }) as Error);
  });

  it('reads Beijing-time strings as +08:00', () => {
    expect(pddUnits.optionalGmt8('2026-03-01 12:00:00', 'updated_at')).toBe(Date.parse('2026-03-01T12:00:00+08:00'));
    expect(pddUnits.optionalGmt8('2026-01-01 00:00:05', 'updated_at')).toBe(Date.parse('2025-12-31T16:00:05Z'));
    expect(pddUnits.optionalGmt8('', 'pay_time')).toBeNull();
    expect(() => pddUnits.optionalGmt8('2026/03/01', 'pay_time')).toThrow(expect.objectContaining({ kind: 'bad_response' }) as Error);
    expect(formatGmt8(Date.parse('2026-03-01T04:00:00Z'))).toBe('2026-03-01 12:00:00');
  });
});

describe('parsePddOrder', () => {
  const raw = {
    order_sn: '260301-123456789012345',
    order_status: 1,
    refund_status: 1,
    confirm_status: 1,
    pay_amount: '39.80',
    pay_time: '2026-03-01 12:00:00',
    updated_at: '2026-03-01 12:00:01',
    buyer_memo: '请尽快',
    item_list: [
      { goods_id: 11, sku_id: 22, outer_id: 'SKU-A', outer_goods_id: 'G-A', goods_name: '月卡', goods_price: 19.9, goods_count: 2 },
      { goods_id: 12, sku_id: 23, outer_id: '', outer_goods_id: 'G-B', goods_name: '季卡', goods_price: '0.00', goods_count: '1' },
    ],
  };

  it('normalises money, times, lines and keeps the raw JSON', () => {
    const order = parsePddOrder(raw);
    expect(order).toMatchObject({
      orderId: raw.order_sn,
      status: 'paid',
      amountFen: 3980,
      paidAt: Date.parse('2026-03-01T12:00:00+08:00'),
      updatedAt: Date.parse('2026-03-01T12:00:01+08:00'),
      buyerMessage: '请尽快',
    });
    expect(order.lines.map((l) => [l.lineId, l.itemId, l.skuId, l.outerId, l.priceFen, l.quantity])).toEqual([
      [raw.order_sn, '11', '22', 'SKU-A', 1990, 2],
      [`${raw.order_sn}-2`, '12', '23', 'G-B', 0, 1],
    ]);
    expect(order.raw).toBe(raw);
  });

  it.each([
    [1, 1, 1, 'paid'],
    [2, 1, 1, 'shipped'],
    [3, 1, 1, 'done'],
    [1, 0, 1, 'unpaid'],
    [1, 2, 1, 'closed'],
    [2, 1, 4, 'closed'],
  ] as const)('order_status %i / confirm %i / refund %i → %s', (os, cs, rs, status) => {
    expect(statusFrom(os, cs, rs)).toBe(status);
  });

  it('marks lines of an order in after-sales as requested, and under risk review with a flag', () => {
    const order = parsePddOrder({ ...raw, refund_status: 2, risk_control_status: 1 });
    expect(order.lines.every((l) => l.refund === 'requested')).toBe(true);
    expect(order.riskFlags).toEqual(['risk_control']);
  });

  it('refuses garbage as bad_response', () => {
    expect(() => parsePddOrder({ ...raw, updated_at: 'yesterday' })).toThrow(expect.objectContaining({ kind: 'bad_response' }) as Error);
    expect(() => parsePddOrder({ ...raw, order_sn: '' })).toThrow(expect.objectContaining({ kind: 'bad_response' }) as Error);
  });

  it('parses after-sales rows', () => {
    const refund = parsePddRefund({
      id: 998877,
      order_sn: raw.order_sn,
      after_sales_status: 10,
      refund_amount: '19.90',
      updated_time: '2026-03-01 13:00:00',
    });
    expect(refund).toMatchObject({ refundId: '998877', orderId: raw.order_sn, state: 'refunded', amountFen: 1990, lineId: '' });
    expect(parsePddRefund({ ...(refund.raw as object), after_sales_status: 2 }).state).toBe('requested');
    expect(parsePddRefund({ ...(refund.raw as object), after_sales_status: 11 }).state).toBe('none');
  });
});
