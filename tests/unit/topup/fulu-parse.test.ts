// 福禄 replies → supplier shapes: order states, money in 分, decrypted keys, and reply codes → error kinds.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { encryptCardText } from '../../../src-main/core/topup/suppliers/fulu/crypto.js';
import { fuluError, isDuplicateOrder, isUnknownOrder, type FuluEnvelope } from '../../../src-main/core/topup/suppliers/fulu/errors.js';
import { orderStateOf, toBalance, toCardStatus, toGoods, toOrder, toPlacedOrder } from '../../../src-main/core/topup/suppliers/fulu/parse.js';

const CHINESE = /[\u4e00-\u9fff]/;
const SECRET = 'keydesk-sandbox-fulu-secret-0001';

describe('福禄 order states', () => {
  it.each([
    ['success', '', '', 'success'],
    ['success', '', 'none', 'success'],
    ['success', '', 'disputed', 'success_disputed'],
    ['processing', '', '', 'processing'],
    ['untreated', '', '', 'processing'],
    ['failed', 'refunded', '', 'failed_refunded'],
    ['failed', 'not_refunded', '', 'failed_not_refunded'],
    // A failure that does not say its money came back is not assumed refunded.
    ['failed', '', '', 'failed_not_refunded'],
    ['failed', 'refunding', '', 'failed_not_refunded'],
  ] as const)('%s / refund %s / dispute %s → %s', (orderState, refund, dispute, expected) => {
    expect(orderStateOf(orderState, refund, dispute)).toBe(expected);
  });

  it('does not guess an unknown state', () => {
    expect(orderStateOf('SUCCESS')).toBeUndefined();
    expect(() => toPlacedOrder({ order_id: '1', order_state: 'weird' })).toThrow(/不认识的订单状态：weird/);
  });
});

const order = (over: Record<string, unknown> = {}) => ({
  order_id: '6123456789012345678',
  customer_order_no: 'KD-1',
  product_id: 10000102,
  product_name: '爱奇艺黄金会员月卡（卡密）',
  charge_account: '',
  buy_num: 2,
  order_price: 18.5,
  order_state: 'success',
  dispute_state: 'none',
  evidence: '',
  operator_serial_number: '',
  create_time: '2026-03-01 12:00:00',
  finish_time: '2026-03-01 12:00:01',
  recharge_description: '充值成功',
  cards: [
    { card_number: encryptCardText('FL0001', SECRET), card_pwd: encryptCardText('SECRET-ONE', SECRET), card_deadline: '2027-03-01 12:00:01' },
    { card_number: '', card_pwd: encryptCardText('SECRET-TWO', SECRET), card_deadline: '' },
  ],
  ...over,
});

describe('福禄 order query', () => {
  it('reads cost for the whole order in 分, Beijing times, and decrypts the keys', () => {
    const { info, productId } = toOrder(order(), SECRET);
    expect(productId).toBe('10000102');
    expect(info).toMatchObject({ customerOrderNo: 'KD-1', supplierOrderId: '6123456789012345678', state: 'success', costFen: 3700, description: '充值成功', evidence: null });
    expect(info.finishedAt).toBe(Date.parse('2026-03-01T12:00:01+08:00'));
    expect(info.cards).toEqual([
      { cardNo: 'FL0001', secret: 'SECRET-ONE', expiresAt: Date.parse('2027-03-01T12:00:01+08:00') },
      { cardNo: null, secret: 'SECRET-TWO', expiresAt: null },
    ]);
  });

  it('hands out no keys before success, and names the evidence it was given', () => {
    expect(toOrder(order({ order_state: 'processing', finish_time: '' }), SECRET).info).toMatchObject({ state: 'processing', cards: [], finishedAt: null });
    expect(toOrder(order({ order_state: 'failed', refund_state: 'refunded' }), SECRET).info.cards).toEqual([]);
    expect(toOrder(order({ operator_serial_number: 'YYS1' }), SECRET).info.evidence).toBe('YYS1');
    expect(toOrder(order({ dispute_state: 'disputed', evidence: '争议工单 ZY1', operator_serial_number: 'YYS1' }), SECRET).info).toMatchObject({
      state: 'success_disputed',
      evidence: '争议工单 ZY1',
    });
  });

  it('refuses keys it cannot decrypt without echoing them', () => {
    const err = (() => {
      try {
        toOrder(order(), 'another-secret');
      } catch (e) {
        return e as ChannelError;
      }
      throw new Error('expected a failure');
    })();
    expect(err.kind).toBe('bad_response');
    expect(err.message).toMatch(/第 1 张卡密无法解密/);
    expect(err.message).not.toContain(order().cards[0]!.card_pwd);
  });

  it('reads 元 exactly and refuses a malformed order', () => {
    expect(toOrder(order({ order_price: '19.90', buy_num: 3 }), SECRET).info.costFen).toBe(5970);
    expect(() => toOrder(order({ order_price: '1.999' }), SECRET)).toThrow(ChannelError);
    expect(() => toOrder({ order_id: '1' }, SECRET)).toThrow(/订单数据格式不对/);
  });
});

describe('福禄 goods, balance, card status', () => {
  it('reads goods kinds and whether they sell', () => {
    const goods = { product_id: 10000101, product_name: '爱奇艺月卡', face_value: 25, purchase_price: '18.80', product_type: '直充', sales_status: '上架', stock_status: '充足' };
    expect(toGoods(goods)).toEqual({ productId: '10000101', name: '爱奇艺月卡', priceFen: 1880, kind: 'direct', faceValueFen: 2500, onSale: true });
    expect(toGoods({ ...goods, product_type: '卡密', face_value: null }).kind).toBe('card');
    expect(toGoods({ ...goods, sales_status: '下架' }).onSale).toBe(false);
    expect(toGoods({ ...goods, stock_status: '断货' }).onSale).toBe(false);
    expect(() => toGoods({ ...goods, product_type: '话费' })).toThrow(/不认识的商品类型/);
  });

  it('reads the balance in 分', () => {
    expect(toBalance({ balance: 5000, name: '演示商户', user_id: 1 })).toEqual({ balanceFen: 500_000, name: '演示商户' });
    expect(toBalance({ balance: '0.07' })).toEqual({ balanceFen: 7, name: '' });
  });

  it('reads card status', () => {
    expect(toCardStatus({ status: 'redeemed', redeemed_time: '2026-03-01 12:00:00' })).toEqual({ status: 'redeemed', redeemedAt: Date.parse('2026-03-01T12:00:00+08:00') });
    expect(toCardStatus({ status: 'unused', redeemed_time: '' })).toEqual({ status: 'unused', redeemedAt: null });
    expect(() => toCardStatus({ status: 'used' })).toThrow(ChannelError);
  });
});

const env = (code: number, message = '说明'): FuluEnvelope => ({ code, message, result: '', sign: '' });

describe('福禄 reply codes', () => {
  it.each([
    [1000, 'retry'],
    [1001, 'give_up'],
    [1002, 'reauth'],
    [1003, 'give_up'],
    [1004, 'bad_signature'],
    [1005, 'reauth'],
    [1006, 'give_up'],
    [1007, 'give_up'],
    [1008, 'give_up'],
    [1009, 'backoff'],
    [2001, 'give_up'],
    [3001, 'give_up'],
    [3002, 'give_up'],
    [3003, 'give_up'],
    [3004, 'give_up'],
    [5001, 'give_up'],
  ] as const)('%i → %s, in Chinese, naming what 福禄 said', (code, kind) => {
    const err = fuluError(env(code, '上游原话'));
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(CHINESE);
    expect(err.message).toContain('上游原话');
    expect(err.message).toContain(`福禄 ${code}`);
    expect(err.details.platformCode).toBe(code);
  });

  it('reads unknown codes by their words', () => {
    expect(fuluError(env(9001, '签名错误')).kind).toBe('bad_signature');
    expect(fuluError(env(9002, '接口调用过于频繁')).kind).toBe('backoff');
    expect(fuluError(env(9003, '系统繁忙，请稍后重试')).kind).toBe('retry');
    expect(fuluError(env(9004, '授权令牌已过期')).kind).toBe('reauth');
    expect(fuluError(env(9005, '充值号码是空号')).kind).toBe('give_up');
  });

  it('waits as long as a rate limit says, else a default', () => {
    expect(fuluError(env(1009, '请求过于频繁，请 10 秒后重试')).retryAfterMs).toBe(10_000);
    expect(fuluError(env(1009, '请求过于频繁')).retryAfterMs).toBe(2_000);
  });

  it('knows a duplicate customer_order_no and an unknown order, by code or by words', () => {
    expect(isDuplicateOrder(env(4001))).toBe(true);
    expect(isDuplicateOrder(env(7777, '外部订单号重复'))).toBe(true);
    expect(isDuplicateOrder(env(7777, '客户订单号已存在'))).toBe(true);
    expect(isDuplicateOrder(env(2001, '账户余额不足'))).toBe(false);
    expect(isDuplicateOrder(env(0, '订单号已存在'))).toBe(false);
    expect(isUnknownOrder(env(4002))).toBe(true);
    expect(isUnknownOrder(env(7777, '订单不存在'))).toBe(true);
    expect(isUnknownOrder(env(3001, '商品不存在'))).toBe(false);
  });
});
