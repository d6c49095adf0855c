import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { doudianError, isAlreadyProcessed, isTokenProblem, type DoudianEnvelope } from '../../../src-main/core/channels/doudian/errors.js';
import { orderStatusOf, refundStateOf, toPlatformOrder, toRefundNotice } from '../../../src-main/core/channels/doudian/parse.js';
import { orderIdFromData, parseDoudianPush, pushKind } from '../../../src-main/core/channels/doudian/push.js';
import { paramJson, pushSignature, signRequest } from '../../../src-main/core/channels/doudian/sign.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe('抖店 signing', () => {
  it('sorts param_json keys at every depth and keeps arrays and HTML characters as they are', () => {
    const pj = paramJson({ size: 100, page: 0, cert_list: [{ status: 2, cert_no: 'A<&>B' }], order_id: '6900000000000000001' });
    expect(pj).toBe('{"cert_list":[{"cert_no":"A<&>B","status":2}],"order_id":"6900000000000000001","page":0,"size":100}');
  });

  it('signs hex(HMAC-SHA256(secret, secret+app_key…method…param_json…timestamp…v2+secret)) in lower case', () => {
    const secret = 'f1d2d2f924e986ac86fdf7b36c94bcdf';
    const pj = '{"page":0,"size":100}';
    const plain = `${secret}app_key7123456789method` + `order.searchListparam_json${pj}timestamp1780000000v2${secret}`;
    const expected = createHmac('sha256', secret).update(plain, 'utf8').digest('hex');
    const sign = signRequest(secret, { appKey: '7123456789', method: 'order.searchList', paramJson: pj, timestamp: '1780000000' });
    expect(sign).toBe(expected);
    expect(sign).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs pushes as md5(app_key + raw body + app_secret)', () => {
    const body = '[{"tag":"101","msg_id":"1","data":"{}"}]';
    const expected = createHash('md5').update(`AK${body}SECRET`).digest('hex');
    expect(pushSignature('AK', Buffer.from(body), 'SECRET')).toBe(expected);
  });
});

const env = (code: number, subCode = '', subMsg = '说明'): DoudianEnvelope => ({ code, msg: 'x', sub_code: subCode, sub_msg: subMsg, log_id: '', data: {} });

describe('抖店 error codes', () => {
  it.each([
    [20000, 'isp.service-error', 'retry'],
    [20001, '', 'retry'],
    [30001, 'dop.authorization-no-existed', 'reauth'],
    [30001, 'isv.app-permissions-insufficient', 'give_up'],
    [40001, 'isv.access-token-missing', 'reauth'],
    [40002, 'isv.missing-parameter', 'give_up'],
    [40003, 'isv.access-token-expired', 'reauth'],
    [40003, 'isv.access-token-no-existed', 'reauth'],
    [40003, 'isv.signature-invalid', 'bad_signature'],
    [40003, 'isv.timestamp-invalid', 'give_up'],
    [40004, 'isv.parameter-invalid:20008', 'give_up'],
    [50001, 'dop.token-generate-failed:token-expired', 'reauth'],
    [50002, 'isv.business-failed:010012', 'give_up'],
    [50002, 'isv.business-failed:030004', 'retry'],
    [60000, 'isv.flow-limit', 'backoff'],
    [70000, 'isp.api-service-off', 'give_up'],
    [80000, 'isv.risk-control', 'give_up'],
    [12345, '', 'give_up'],
  ])('%i %s → %s', (code, subCode, kind) => {
    const err = doudianError(env(code, subCode));
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(CHINESE);
    expect(err.details.platformCode).toBe(code);
  });

  it('backs off for the duration the message names, else a default', () => {
    expect(doudianError(env(60000, '', '请 7 秒后再试')).retryAfterMs).toBe(7000);
    expect(doudianError(env(60000, '', '触发限流')).retryAfterMs).toBeGreaterThan(0);
  });

  it('recognises 000008 as already processed and token problems for refresh', () => {
    expect(isAlreadyProcessed(env(50002, 'isv.business-failed:000008'))).toBe(true);
    expect(isAlreadyProcessed(env(50002, 'isv.business-failed:8'))).toBe(true);
    expect(isAlreadyProcessed(env(50002, 'isv.business-failed:010012'))).toBe(false);
    expect(isTokenProblem(env(40003, 'isv.access-token-expired'))).toBe(true);
    expect(isTokenProblem(env(40003, 'isv.signature-invalid'))).toBe(false);
  });
});

describe('抖店 order parsing', () => {
  const raw = {
    order_id: '6912345678901234567',
    order_status: 2,
    pay_time: 1780000000,
    update_time: 1780000060,
    pay_amount: 3980,
    doudian_open_id: 'open_1',
    buyer_words: '尽快',
    shop_order_tag_ui: [{ key: 'risk_control', text: 'fraud_suspect' }, { key: 'presale', text: '预售' }],
    sku_order_list: [
      {
        order_id: '6912345678901234568',
        product_id: Number('3912345678901234567'), // int64 as a JSON number: digits already lost
        product_id_str: '3912345678901234567',
        sku_id: 1234567890123456,
        out_sku_id: 'CARD-M',
        product_name: '月卡',
        item_num: 2,
        origin_amount: 1990,
        after_sale_info: { after_sale_status: 6, refund_status: 1 },
        account_list: { account_info: [{ account_type: 'Mobile', account_id: '13800000000' }] },
      },
    ],
  };

  it('keeps 分 integers, turns seconds into ms and reads int64 ids from their string form', () => {
    const o = toPlatformOrder(raw);
    expect(o).toMatchObject({
      orderId: '6912345678901234567',
      status: 'paid',
      platformStatus: '2',
      amountFen: 3980,
      paidAt: 1_780_000_000_000,
      updatedAt: 1_780_000_060_000,
      buyer: { id: 'open_1' },
      buyerMessage: '尽快',
      riskFlags: ['fraud_suspect'],
    });
    expect(o.lines[0]).toEqual({
      lineId: '6912345678901234568',
      itemId: '3912345678901234567',
      skuId: '1234567890123456',
      outerId: 'CARD-M',
      title: '月卡',
      quantity: 2,
      priceFen: 1990,
      refund: 'requested',
      rechargeAccount: '13800000000',
    });
    expect(o.raw).toBe(raw);
  });

  it('rejects an order that is not 抖店 JSON as bad_response', () => {
    expect(() => toPlatformOrder({ order_id: '1', pay_amount: '19.90' })).toThrow(expect.objectContaining({ kind: 'bad_response' }));
  });

  it.each([
    [1, 'unpaid'],
    [105, 'paid'],
    [2, 'paid'],
    [101, 'paid'],
    [3, 'shipped'],
    [4, 'closed'],
    [5, 'done'],
    [999, 'unpaid'],
  ])('status %i → %s', (code, status) => expect(orderStatusOf(code)).toBe(status));

  it.each([
    [0, 0, 'none'],
    [6, 1, 'requested'],
    [12, 3, 'refunded'],
    [28, 1, 'none'],
    [0, 3, 'refunded'],
  ])('after-sale %i / refund %i → %s', (a, r, state) => expect(refundStateOf(a, r)).toBe(state));

  it('reads an afterSale.List item', () => {
    const n = toRefundNotice({
      aftersale_info: { aftersale_id: '7001', aftersale_status: 12, refund_status: 3, related_id: '6912345678901234568', refund_amount: 1990, update_time: 1780000100 },
      order_info: { shop_order_id: '6912345678901234567' },
    });
    expect(n).toMatchObject({ orderId: '6912345678901234567', lineId: '6912345678901234568', refundId: '7001', state: 'refunded', amountFen: 1990, updatedAt: 1_780_000_100_000 });
  });
});

describe('抖店 push', () => {
  const creds = { appKey: 'AK1', appSecret: 'S3cret' };
  const body = JSON.stringify([{ tag: '101', msg_id: 'm1', data: '{"p_id":6912345678901234567,"s_ids":[6912345678901234568]}' }]);
  const request = (raw: string, sign = createHash('md5').update(`AK1${raw}S3cret`).digest('hex')) => ({
    headers: { 'event-sign': sign, 'app-id': 'AK1' },
    body: Buffer.from(raw),
    query: new URLSearchParams(),
  });

  it('reads the order id digits without going through a JS number', () => {
    expect(orderIdFromData('{"p_id":6912345678901234567}')).toBe('6912345678901234567');
    expect(Number('6912345678901234567').toString()).not.toBe('6912345678901234567');
  });

  it('accepts a correctly signed push and names the kind', () => {
    expect(parseDoudianPush(creds, request(body))).toEqual([
      { orderId: '6912345678901234567', kind: 'paid', messageId: 'm1', raw: JSON.parse(body)[0] },
    ]);
    expect([pushKind('200'), pushKind('206'), pushKind('106'), pushKind('100')]).toEqual(['refund', 'refund', 'closed', 'other']);
  });

  it('rejects a forged body or a wrong signature', () => {
    const forged = body.replace('6912345678901234567', '6900000000000000000');
    const signed = request(body).headers['event-sign'];
    expect(() => parseDoudianPush(creds, request(forged, signed))).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
    expect(() => parseDoudianPush(creds, request(body, 'deadbeef'))).toThrow(expect.objectContaining({ kind: 'bad_signature' }));
    expect(() => parseDoudianPush(creds, request('{"not":"array"}'))).toThrow(expect.objectContaining({ kind: 'bad_request' }));
  });
});
