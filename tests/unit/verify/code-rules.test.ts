// The small rules of second verification: the code, its MAC comparison, phones, the view, the send
// refusals and the gateway's codes in Chinese.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_DIGITS, codeMacInput, maskPhone, newCode, normalisePhone, sameMac } from '../../../src-main/core/risk/verify/code.js';
import { effectiveStatus, toView, type ChallengeRow } from '../../../src-main/core/risk/verify/challenges.js';
import { sendRefusal } from '../../../src-main/core/risk/verify/send.js';
import { smsErrorDetail, smsErrorMessage } from '../../../src-main/core/risk/verify/sms-errors.js';

const CHINESE = /[\u4e00-\u9fff]/;
const NOW = 1_780_000_000_000;

const row = (over: Partial<ChallengeRow> = {}): ChallengeRow => ({
  id: 1, line_id: 7, via: 'sms', to_masked: '138****0000', code_mac: 'ab', status: 'sent', sent_at: NOW - 120_000, expires_at: NOW + 60_000,
  attempts: 0, sends: 1, send_ref: 'otp_1', last_error: null, created_at: NOW - 200_000, updated_at: NOW - 120_000, ...over,
});

describe('the code', () => {
  it('is always six digits, leading zeros kept, and not a constant', () => {
    const codes = Array.from({ length: 300 }, newCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^\\d{${CODE_DIGITS}}$`));
    expect(new Set(codes).size).toBeGreaterThan(250);
  });

  it('is bound to the line and the send it went out with', () => {
    expect(codeMacInput(7, 'otp_a', '123456')).not.toBe(codeMacInput(8, 'otp_a', '123456'));
    expect(codeMacInput(7, 'otp_a', '123456')).not.toBe(codeMacInput(7, 'otp_b', '123456'));
  });

  it('compares MACs exactly: equal passes, one bit off, another length or empty fails', () => {
    const mac = (s: string) => createHmac('sha256', 'k').update(s).digest('hex').slice(0, 32);
    const a = mac('otp:7:otp_a:123456');
    expect(sameMac(a, a)).toBe(true);
    expect(sameMac(a, mac('otp:7:otp_a:123457'))).toBe(false);
    expect(sameMac(a, `${a.slice(0, -1)}${a.endsWith('0') ? '1' : '0'}`)).toBe(false);
    expect(sameMac(a, a.slice(0, 30))).toBe(false);
    expect(sameMac('', '')).toBe(false);
  });
});

describe('phones', () => {
  it.each([
    ['13800000000', '13800000000'],
    ['+86 138-0000-0000', '13800000000'],
    ['008613800000000', '13800000000'],
    ['8613800000000', '13800000000'],
    ['(138) 0000 0000', '13800000000'],
    ['12345', '12345'],
  ])('%s → %s', (raw, phone) => expect(normalisePhone(raw)).toBe(phone));

  it('masks the middle four digits', () => {
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('****45');
  });
});

describe('the view', () => {
  const settings = { otpMaxAttempts: 5, otpMaxSends: 3 };
  it('shows a sent code past its time as expired, with the reason', () => {
    expect(effectiveStatus(row({ expires_at: NOW - 1 }), NOW)).toBe('expired');
    expect(toView(row({ expires_at: NOW - 1 }), settings, NOW)).toMatchObject({ status: 'expired', lastError: '验证码已过期，请重发' });
    expect(effectiveStatus(row(), NOW)).toBe('sent');
  });

  it('counts attempts and sends left, never below zero', () => {
    expect(toView(row({ attempts: 2, sends: 1 }), settings, NOW)).toMatchObject({ attemptsLeft: 3, sendsLeft: 2, to: '138****0000' });
    expect(toView(row({ attempts: 9, sends: 9, status: 'failed' }), settings, NOW)).toMatchObject({ attemptsLeft: 0, sendsLeft: 0, status: 'failed' });
  });
});

describe('send refusals', () => {
  const settings = { otpMaxSends: 3 };
  it.each<[string, Partial<ChallengeRow>, string | undefined, RegExp | undefined]>([
    ['a first send', { status: 'not_sent', sent_at: null, sends: 0, code_mac: null }, undefined, undefined],
    ['a resend after the cooldown', {}, 'open', undefined],
    ['a resend of an expired code', { expires_at: NOW - 1 }, 'open', undefined],
    ['a resend within 60 s', { sent_at: NOW - 15_000 }, 'open', /45 秒后再重发/],
    ['past the send limit', { sends: 3 }, 'open', /发了 3 次，达到上限/],
    ['a locked challenge', { status: 'failed' }, 'open', /已锁定/],
    ['a passed challenge', { status: 'passed' }, 'open', /已经验证通过/],
    ['a hold the owner already decided', {}, 'approved', /已经处理过/],
  ])('%s', (_name, over, hold, refusal) => {
    const why = sendRefusal(row(over), hold, settings, NOW);
    if (refusal === undefined) expect(why).toBeUndefined();
    else {
      expect(why).toMatch(refusal);
      expect(why).toMatch(CHINESE);
    }
  });
});

describe('gateway codes in Chinese', () => {
  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', /太频繁/],
    ['isv.MOBILE_NUMBER_ILLEGAL', /手机号不正确/],
    ['SignatureDoesNotMatch', /AccessKey Secret/],
    ['InvalidAccessKeyId.NotFound', /AccessKey ID/],
    ['isv.SMS_SIGNATURE_ILLEGAL', /短信签名/],
    ['isv.SMS_TEMPLATE_ILLEGAL', /模板 CODE/],
    ['isv.AMOUNT_NOT_ENOUGH', /余额不足/],
    ['InvalidTimeStamp.Expired', /校准电脑时间/],
  ])('%s', (code, words) => {
    expect(smsErrorMessage(code, 'whatever')).toMatch(words);
  });

  it('keeps the gateway words of an unknown code, and the limit window it names', () => {
    expect(smsErrorMessage('isv.SOMETHING_NEW', '新的错误')).toBe('短信网关拒绝发送：新的错误（isv.SOMETHING_NEW）');
    expect(smsErrorDetail('isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5')).toContain('触发小时级流控Permits:5');
  });
});
