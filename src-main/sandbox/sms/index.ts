// 阿里云短信（沙箱）: the Dysmsapi SendSms endpoint at `/sms/` (GET query or POST form). It checks what the
// real gateway checks — signature, timestamp, nonce, AccessKey, sign name, template, phone, balance and the
// per-phone flow control — and keeps every accepted message so tests can read the code a buyer received.
import { notFound } from '../http.js';
import type { SimRequest, SimResponse, Simulator } from '../types.js';
import { smsControl } from './control.js';
import { PopFail, bizReply, popError, readPopCall } from './protocol.js';
import { SmsState, type SmsMessage } from './state.js';

export { DEFAULT_LIMITS, SmsState, type FlowLimits, type SmsAccount, type SmsMessage } from './state.js';
export { expectedSignature, popEncode } from './protocol.js';

export interface SmsSimulatorOptions {
  /** Epoch ms: timestamp freshness and flow-control windows follow it. */
  clock?: () => number;
}

export const SMS_NAME = 'sms';
export const SMS_TITLE = '阿里云短信（沙箱）';

/** The demo account seeded on start and after every reset: use it in 风控设置 → 短信网关 with endpoint `<sandbox>/sms/`. */
export const SANDBOX_SMS_ACCOUNT = {
  accessKeyId: 'LTAI5tKDSANDBOXSMS01',
  accessKeySecret: 'keydesk-sandbox-sms-secret-000001',
  signName: 'KeyDesk演示',
  templateCode: 'SMS_900000001',
  templateText: '您的验证码为：${code}，请在商家页面输入，勿泄露给他人。',
  balance: 1000,
} as const;

const PHONE = /^1\d{10}$/;

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

export function createSmsSimulator(options: SmsSimulatorOptions = {}): Simulator & { state: SmsState } {
  const clock = options.clock ?? Date.now;
  const state = new SmsState();
  const seed = () => {
    const a = SANDBOX_SMS_ACCOUNT;
    state.accounts.set(a.accessKeyId, { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret, signNames: [a.signName], templates: { [a.templateCode]: a.templateText }, balance: a.balance });
  };
  seed();

  function sendSms(params: Map<string, string>, accessKeyId: string, now: number): SimResponse {
    const account = state.accounts.get(accessKeyId)!;
    const phone = params.get('PhoneNumbers') ?? '';
    const signName = params.get('SignName') ?? '';
    const templateCode = params.get('TemplateCode') ?? '';
    if (!PHONE.test(phone)) return bizReply('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (!account.signNames.includes(signName)) return bizReply('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const template = account.templates[templateCode];
    if (template === undefined) return bizReply('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let vars: Record<string, string>;
    try {
      const parsed = JSON.parse(params.get('TemplateParam') ?? '{}') as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error('not a flat object');
      vars = parsed as Record<string, string>;
    } catch {
      return bizReply('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    const missing = [...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => vars[name] === undefined);
    if (missing.length > 0) return bizReply('isv.TEMPLATE_MISSING_PARAMETERS', `模板缺少变量：${missing.join(',')}`);
    if (account.balance <= 0) return bizReply('isv.AMOUNT_NOT_ENOUGH', '账户余额不足');
    const limited = state.limitHit(phone, now);
    if (limited) return bizReply('isv.BUSINESS_LIMIT_CONTROL', limited);
    account.balance -= 1;
    const message: SmsMessage = {
      at: now,
      phone,
      accessKeyId,
      signName,
      templateCode,
      templateParam: vars,
      code: vars.code ?? null,
      text: `【${signName}】${fill(template, vars)}`,
      outId: params.get('OutId') ?? null,
      bizId: state.bizId(now),
    };
    state.messages.push(message);
    return bizReply('OK', 'OK', { BizId: message.bizId });
  }

  function handle(req: SimRequest): SimResponse {
    if (req.path !== '/') throw notFound(req.method, req.path);
    if (req.method !== 'GET' && req.method !== 'POST') return popError(405, 'UnsupportedHTTPMethod', 'This http method is not supported.');
    const now = clock();
    try {
      const call = readPopCall(req, (id) => state.accounts.get(id)?.accessKeySecret, now, (nonce) => state.useNonce(nonce, now));
      return sendSms(call.params, call.accessKeyId, now);
    } catch (err) {
      if (err instanceof PopFail) return popError(err.status, err.code, err.message);
      throw err;
    }
  }

  return {
    name: SMS_NAME,
    title: SMS_TITLE,
    state,
    handle,
    control: (action, body) => smsControl(state, action, body),
    snapshot: () => ({
      accounts: [...state.accounts.values()].map((a) => ({ accessKeyId: a.accessKeyId, signNames: [...a.signNames], templates: Object.keys(a.templates), balance: a.balance })),
      limits: { ...state.limits },
      messages: state.messages.map((m) => ({ ...m, templateParam: { ...m.templateParam } })),
    }),
    reset() {
      state.reset();
      seed();
    },
    // The gateway reports its own trouble: a 503 with its error JSON, and flow control as isv.BUSINESS_LIMIT_CONTROL.
    faultBody(kind, rule) {
      if (kind === 'http5xx') return popError(rule.status ?? 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
      if (kind === 'rateLimit') return bizReply('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
      return undefined;
    },
  };
}
