// The pure parts of top-up reporting: what each platform is sent, how its answers read, and the 拼多多
// recharge account found in the buyer's memo.
import { describe, expect, it } from 'vitest';
import { refusedInData, topupParams } from '../../../src-main/core/channels/doudian/topup.js';
import { isAlreadyNotified } from '../../../src-main/core/channels/pdd/errors.js';
import { accountFromMemo } from '../../../src-main/core/channels/pdd/parse.js';
import { chargeNotifyParams } from '../../../src-main/core/channels/pdd/topup.js';
import type { ChannelContext, TopupReport } from '../../../src-main/core/channels/types.js';

const report = (success: boolean): TopupReport => ({
  order: { orderId: '6000000000000000001', lineIds: ['6000000000000000002'] },
  line: { lineId: '6000000000000000002', skuId: '1', quantity: 1 },
  account: '13800000000',
  success,
  message: success ? '已为账号 138****0000 充值' : '充值失败：号码无效',
  serial: 'KD-42',
});

const ctx = (endpoint?: string): ChannelContext => ({
  creds: { appKey: 'k', appSecret: 's', ...(endpoint !== undefined && { endpoint }) },
  http: () => Promise.reject(new Error('no network in unit tests')),
  now: () => Date.parse('2026-03-01T12:00:00+08:00'),
  saveCreds: () => {},
});

describe('抖店 topup.result parameters and answers', () => {
  it('names the shop order, our serial and SUCCESS / FAILED; a failure carries its reason', () => {
    expect(topupParams(report(true))).toEqual({
      trade_order_no: '6000000000000000001',
      topup_biz: 'MOBILE_TOPUP',
      seller_order_no: 'KD-42',
      seller_order_status: 'SUCCESS',
    });
    expect(topupParams(report(false))).toMatchObject({ seller_order_status: 'FAILED', err_desc: '充值失败：号码无效' });
  });

  it.each([
    [{ result: 'SUCCESS' }, null],
    [{}, null],
    [null, null],
    [{ result: 'FAILED', err_code: '-1', err_desc: '内部错误' }, 'retry'],
    [{ result: 'failed', err_code: '1003', err_desc: '参数校验失败' }, 'give_up'],
    [{ result: 'FAILED' }, 'give_up'],
  ])('data %j → %s', (data, kind) => {
    expect(refusedInData(data)?.kind ?? null).toBe(kind);
  });
});

describe('拼多多 charge notify', () => {
  it('a success carries the voucher; the buyer message goes only to a local sandbox', () => {
    const prod = chargeNotifyParams(ctx(), report(true));
    expect(prod).toEqual({
      order_sn: '6000000000000000001',
      outer_order_sn: 'KD-42',
      status: 'SUCCESS',
      charge_certi: [{ charge_certi_mobile: '13800000000', charge_certi_order_sn: 'KD-42', charge_certi_date: '2026-03-01 12:00:00' }],
    });
    expect(chargeNotifyParams(ctx('https://gw-api.example.com'), report(false))).toEqual({ order_sn: '6000000000000000001', outer_order_sn: 'KD-42', status: 'FAIL' });
    expect(chargeNotifyParams(ctx('http://127.0.0.1:9/pdd'), report(false))).toMatchObject({ keydesk_message: '充值失败：号码无效' });
  });

  it.each([
    [{ error_code: 50000, sub_msg: '订单已充值成功，请勿重复通知' }, true],
    [{ error_code: 50000, sub_msg: '订单已发货，请勿重复发货' }, true],
    [{ error_code: 50000, sub_msg: '订单充值结果已回传，不能变更' }, false],
    [{ error_code: 10000, sub_msg: '重复通知' }, false],
  ])('%j is a repeat: %s', (body, repeat) => {
    expect(isAlreadyNotified(body)).toBe(repeat);
  });
});

describe('拼多多 recharge account from the memo', () => {
  it.each([
    ['充值账号：13800000000', '13800000000'],
    ['手机号 13800000000 谢谢', '13800000000'],
    ['QQ:123456789', '123456789'],
    ['账号: buyer@example.com.', 'buyer@example.com'],
    ['  13800000000  ', '13800000000'],
    ['player_0042', 'player_0042'],
    ['', undefined],
    ['thanks', undefined],
    ['请尽快发货', undefined],
    ['请核对号码是否正确', undefined],
    ['1234', undefined],
  ])('%j → %s', (memo, account) => {
    expect(accountFromMemo(memo)).toBe(account);
  });
});
