// Control actions of the sandbox SMS gateway (`POST /_control/sms/<action>`): read what a phone received,
// change an account's balance or the flow-control limits. 5xx, timeouts and rate limits come from the
// shared fault book (`POST /_control/faults {simulator: "sms", kind: "http5xx" | "timeout" | "rateLimit"}`).
import { z } from 'zod';
import { SandboxError } from '../http.js';
import { parseOrThrow } from '../validate.js';
import type { SmsState } from './state.js';

const strict = { error: (iss: { code?: string; keys?: string[] }) => (iss.code === 'unrecognized_keys' ? `不认识的字段：${(iss.keys ?? []).join('、')}` : undefined) };
const count = (label: string) => z.number({ error: `${label}必须是数字` }).int(`${label}必须是整数`).min(0, `${label}不能为负数`);

const messagesInput = z.strictObject({ phone: z.string({ error: 'phone 必须是字符串' }).regex(/^\d{5,20}$/, 'phone 必须是手机号（数字）') }, strict);
const balanceInput = z.strictObject({ accessKeyId: z.string({ error: 'accessKeyId 必须是字符串' }).min(1, 'accessKeyId 不能为空'), messages: count('messages') }, strict);
const limitsInput = z.strictObject({ perMinute: count('perMinute').optional(), perHour: count('perHour').optional(), perDay: count('perDay').optional() }, strict);

export function smsControl(state: SmsState, action: string, body: unknown): unknown {
  switch (action) {
    case 'messages': {
      const { phone } = parseOrThrow(messagesInput, body, '查询短信');
      return { messages: state.messages.filter((m) => m.phone === phone).map((m) => ({ ...m, templateParam: { ...m.templateParam } })) };
    }
    case 'setBalance': {
      const input = parseOrThrow(balanceInput, body, '设置短信余额');
      const account = state.accounts.get(input.accessKeyId);
      if (!account) throw new SandboxError(404, 'ACCOUNT_NOT_FOUND', `没有这个 AccessKey ID：${input.accessKeyId}`);
      account.balance = input.messages;
      return { accessKeyId: account.accessKeyId, balance: account.balance };
    }
    case 'setLimits': {
      const input = parseOrThrow(limitsInput, body, '设置流控');
      state.limits = { ...state.limits, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      return { ...state.limits };
    }
    default:
      throw new SandboxError(404, 'UNKNOWN_ACTION', `短信网关沙箱没有这个控制操作：${action}`);
  }
}
