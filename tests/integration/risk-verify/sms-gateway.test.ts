// The sandbox 阿里云短信 gateway over HTTP, spoken to by the real adapter and by hand: what it refuses and
// how (signature, key, time, nonce, parameters, flow control, balance), and its control API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formBody, popSignature, signedSendSmsParams } from '../../../src-main/core/risk/verify/aliyun-sign.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { sendSms, type SmsAccount } from '../../../src-main/core/risk/verify/sms-gateway.js';
import { createSmsSimulator, SANDBOX_SMS_ACCOUNT, startSandbox, type Sandbox, type SmsMessage } from '../../../src-main/sandbox/index.js';

let sandbox: Sandbox;
let offset = 0;
const now = () => Date.now() + offset;
const http = createHttpClient({ timeoutMs: 2_000 });

beforeEach(async () => {
  offset = 0;
  sandbox = await startSandbox({ simulators: [createSmsSimulator({ clock: now })] });
});
afterEach(async () => sandbox.close());

const account = (): SmsAccount => ({
  endpoint: `${sandbox.url}/sms/`,
  accessKeyId: SANDBOX_SMS_ACCOUNT.accessKeyId,
  accessKeySecret: SANDBOX_SMS_ACCOUNT.accessKeySecret,
  signName: SANDBOX_SMS_ACCOUNT.signName,
  templateCode: SANDBOX_SMS_ACCOUNT.templateCode,
});

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/_control/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return (await res.json()) as T;
}

/** A hand-made request: the adapter's parameters, then changed as a test needs (re-signed unless told not to). */
async function raw(change: (p: Record<string, string>) => void = () => {}, options: { resign?: boolean; secret?: string } = {}) {
  const params = signedSendSmsParams(
    { accessKeyId: SANDBOX_SMS_ACCOUNT.accessKeyId, phone: '13800000000', signName: SANDBOX_SMS_ACCOUNT.signName, templateCode: SANDBOX_SMS_ACCOUNT.templateCode, templateParam: { code: '123456' }, outId: 'o1', nonce: `n-${Math.random()}`, now: now() },
    SANDBOX_SMS_ACCOUNT.accessKeySecret,
  );
  change(params);
  if (options.resign !== false) {
    const { Signature: _old, ...rest } = params;
    params.Signature = popSignature('POST', rest, options.secret ?? SANDBOX_SMS_ACCOUNT.accessKeySecret);
  }
  const res = await fetch(`${sandbox.url}/sms/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formBody(params) });
  return { status: res.status, body: (await res.json()) as { Code: string; Message: string; BizId?: string; RequestId: string } };
}

describe('sandbox SMS gateway', () => {
  it('accepts a request from the adapter and keeps the message for the control API', async () => {
    const result = await sendSms(http, account(), { phone: '13800000000', code: '042917', outId: 'otp_abc', now: now() });
    expect(result).toMatchObject({ ok: true, bizId: expect.stringMatching(/\^0$/) });
    const { messages } = await control<{ messages: SmsMessage[] }>('sms/messages', { phone: '13800000000' });
    expect(messages).toEqual([expect.objectContaining({ code: '042917', outId: 'otp_abc', text: '【KeyDesk演示】您的验证码为：042917，请在商家页面输入，勿泄露给他人。' })]);
  });

  it.each<[string, (p: Record<string, string>) => void, { resign?: boolean; secret?: string }, number, string]>([
    ['a wrong secret', () => {}, { secret: 'not-the-secret' }, 400, 'SignatureDoesNotMatch'],
    ['a parameter changed after signing', (p) => void (p.PhoneNumbers = '13900000000'), { resign: false }, 400, 'SignatureDoesNotMatch'],
    ['an unknown AccessKeyId', (p) => void (p.AccessKeyId = 'LTAI-nobody'), {}, 404, 'InvalidAccessKeyId.NotFound'],
    ['a timestamp 20 minutes old', (p) => void (p.Timestamp = new Date(now() - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')), {}, 400, 'InvalidTimeStamp.Expired'],
    ['a timestamp with milliseconds', (p) => void (p.Timestamp = new Date(now()).toISOString()), {}, 400, 'InvalidTimeStamp.Format'],
    ['no SignatureNonce', (p) => void delete p.SignatureNonce, {}, 400, 'MissingSignatureNonce'],
    ['another action', (p) => void (p.Action = 'QuerySendDetails'), {}, 404, 'InvalidAction.NotFound'],
    ['an illegal phone', (p) => void (p.PhoneNumbers = '2380000'), {}, 200, 'isv.MOBILE_NUMBER_ILLEGAL'],
    ['an unknown sign name', (p) => void (p.SignName = '别人家'), {}, 200, 'isv.SMS_SIGNATURE_ILLEGAL'],
    ['an unknown template', (p) => void (p.TemplateCode = 'SMS_1'), {}, 200, 'isv.SMS_TEMPLATE_ILLEGAL'],
    ['template parameters that are not JSON', (p) => void (p.TemplateParam = 'code=1'), {}, 200, 'isv.INVALID_JSON_PARAM'],
    ['a template variable missing', (p) => void (p.TemplateParam = '{"other":"1"}'), {}, 200, 'isv.TEMPLATE_MISSING_PARAMETERS'],
  ])('refuses %s', async (_name, change, options, status, code) => {
    const res = await raw(change, options);
    expect(res).toMatchObject({ status, body: { Code: code } });
    expect(res.body.RequestId).toBeTruthy();
    expect((await control<{ messages: SmsMessage[] }>('sms/messages', { phone: '13800000000' })).messages).toEqual([]);
  });

  it('refuses a reused nonce', async () => {
    expect((await raw((p) => void (p.SignatureNonce = 'same'))).body.Code).toBe('OK');
    offset += 61_000;
    expect(await raw((p) => void (p.SignatureNonce = 'same'))).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
  });

  it('limits one phone to 1 a minute and 5 an hour, and stops at a zero balance', async () => {
    const send = () => sendSms(http, account(), { phone: '13800000000', code: '111111', outId: 'o', now: now() });
    expect((await send()).ok).toBe(true);
    const minute = await send();
    expect(minute).toMatchObject({ ok: false, code: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect(!minute.ok && minute.message).toContain('触发分钟级流控Permits:1');
    for (let i = 0; i < 4; i++) {
      offset += 61_000;
      expect((await send()).ok).toBe(true);
    }
    offset += 61_000;
    const hour = await send();
    expect(!hour.ok && hour.message).toContain('触发小时级流控Permits:5');
    offset += 3_600_000;
    await control('sms/setBalance', { accessKeyId: SANDBOX_SMS_ACCOUNT.accessKeyId, messages: 0 });
    expect(await send()).toMatchObject({ ok: false, code: 'isv.AMOUNT_NOT_ENOUGH', message: '短信账户余额不足，请到短信服务商充值后再重发' });
  });

  it('answers injected faults the way the gateway does, and validates control input in Chinese', async () => {
    await control('faults', { simulator: 'sms', kind: 'http5xx', times: 1 });
    expect(await sendSms(http, account(), { phone: '13800000000', code: '1', outId: 'o', now: now() })).toMatchObject({ ok: false, code: 'ServiceUnavailable' });
    await control('faults', { simulator: 'sms', kind: 'rateLimit', times: 1 });
    expect(await sendSms(http, account(), { phone: '13800000000', code: '1', outId: 'o', now: now() })).toMatchObject({ ok: false, code: 'isv.BUSINESS_LIMIT_CONTROL' });
    const bad = await fetch(`${sandbox.url}/_control/sms/setBalance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessKeyId: 'x', messages: -1 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('messages不能为负数');
  });
});
