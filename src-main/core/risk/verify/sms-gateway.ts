// 阿里云短信-style adapter: one signed SendSms call through the project's HttpClient. The code travels only
// in TemplateParam; nothing here logs a request or a body.
import { randomUUID } from 'node:crypto';
import { ChannelError } from '../../channels/errors.js';
import type { HttpClient } from '../../channels/types.js';
import { formBody, signedSendSmsParams } from './aliyun-sign.js';
import { smsErrorDetail } from './sms-errors.js';

/** What a send needs, secret unsealed for the duration of one call. */
export interface SmsAccount {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
}

export type SmsResult =
  | { ok: true; bizId: string; requestId: string }
  | { ok: false; code: string; message: string };

interface GatewayReply {
  Code?: unknown;
  Message?: unknown;
  BizId?: unknown;
  RequestId?: unknown;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function readReply(status: number, body: string): SmsResult {
  let reply: GatewayReply | null = null;
  try {
    reply = JSON.parse(body) as GatewayReply | null;
  } catch {
    // not JSON: a proxy page or a cut answer
  }
  const code = text(reply?.Code);
  if (status >= 200 && status < 300 && code === 'OK') return { ok: true, bizId: text(reply?.BizId), requestId: text(reply?.RequestId) };
  if (code) return { ok: false, code, message: smsErrorDetail(code, text(reply?.Message)) };
  if (status >= 500 || status === 429) return { ok: false, code: `HTTP${status}`, message: `短信网关暂时不可用（HTTP ${status}），请稍后重发` };
  return { ok: false, code: `HTTP${status}`, message: `短信网关的回应看不懂（HTTP ${status}），请检查短信网关地址` };
}

/** Sends one SMS with template variable `code`. Never throws for gateway or network trouble: it answers why. */
export async function sendSms(http: HttpClient, account: SmsAccount, input: { phone: string; code: string; outId: string; now: number }): Promise<SmsResult> {
  const params = signedSendSmsParams(
    {
      accessKeyId: account.accessKeyId,
      phone: input.phone,
      signName: account.signName,
      templateCode: account.templateCode,
      templateParam: { code: input.code },
      outId: input.outId,
      nonce: randomUUID(),
      now: input.now,
    },
    account.accessKeySecret,
  );
  try {
    const res = await http({
      method: 'POST',
      url: account.endpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
      body: formBody(params),
    });
    return readReply(res.status, res.text);
  } catch (err) {
    if (err instanceof ChannelError) {
      // The client's words name "平台"; here the other side is the SMS gateway.
      const timedOut = /没有回应/.test(err.message);
      return { ok: false, code: timedOut ? 'Timeout' : 'NetworkError', message: timedOut ? '短信网关没有及时回应（超时），短信可能没有发出，请稍后重发' : `连不上短信网关：${err.message.replace(/^[^：]*：/, '')}` };
    }
    throw err;
  }
}
