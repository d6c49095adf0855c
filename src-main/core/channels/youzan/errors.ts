// 有赞 failures → the shared ChannelError kinds. 有赞云 answers in four shapes, all inside HTTP 200:
// `/auth/token` `{success:false,code,message}`, gateway `{gw_err_resp:{err_code,err_msg}}`, 4.x APIs
// `{success:false,code,message}` and 3.x APIs `{error_response:{code,msg}}`.
import { ChannelError, banSecondsFrom, type ChannelErrorKind } from '../errors.js';

/** 有赞's advice after a rate limit: retry at 3 s, then 6, 12, 24, 48. */
export const RATE_LIMIT_WAIT_MS = 3_000;

/** Token missing / expired / unknown: refresh once, then ask the owner. */
export const TOKEN_CODES = new Set(['4201', '4202', '4203']);
const RATE_LIMIT_CODES = new Set(['4101', '500100004', '123000042', '141500203']);
// Timeouts and "operation failed, may retry", plus a concurrent duplicate delivery request (the retry
// then answers "already shipped").
const TRANSIENT_CODES = new Set(['106000001', '106100118', '-100', '102510001', '5003']);

function build(kind: ChannelErrorKind, message: string, code: string, said: string, extra: { retryAfterMs?: number } = {}): ChannelError {
  return new ChannelError(kind, `${message}（错误码 ${code}）`, { platformCode: code, platformMessage: said, ...extra });
}

/** A gateway or API refusal (`code` from err_code / code). */
export function youzanError(rawCode: unknown, rawMessage: unknown): ChannelError {
  const code = String(rawCode ?? '?');
  const said = typeof rawMessage === 'string' && rawMessage !== '' ? rawMessage : '未说明原因';
  if (RATE_LIMIT_CODES.has(code)) {
    const retryAfterMs = banSecondsFrom(said) ?? RATE_LIMIT_WAIT_MS;
    return build('backoff', `有赞限流：${said}，${Math.ceil(retryAfterMs / 1000)} 秒后再试`, code, said, { retryAfterMs });
  }
  if (TOKEN_CODES.has(code)) return build('reauth', `有赞令牌无效或已过期：${said}，请重新授权店铺`, code, said);
  if (TRANSIENT_CODES.has(code)) return build('retry', `有赞暂时没有处理成功：${said}`, code, said);
  if (code === '4204') return build('give_up', `应用没有这个有赞接口的权限（需要在有赞云控制台开通能力）：${said}`, code, said);
  if (code === '4007' || code === '4001' || code === '4004' || code === '4005') {
    return build('give_up', `有赞网关拒绝了请求：${said}`, code, said);
  }
  // 5001 is "系统异常", which 有赞 says mostly means a parameter of the wrong type: retrying will not help.
  return build('give_up', `有赞拒绝了请求：${said}`, code, said);
}

/** `/auth/token` refusing to issue a token: wrong client_id / client_secret / kdt_id. */
export function tokenRefusal(rawCode: unknown, rawMessage: unknown): ChannelError {
  const code = String(rawCode ?? '?');
  const said = typeof rawMessage === 'string' && rawMessage !== '' ? rawMessage : '未说明原因';
  return build('reauth', `有赞不肯发放令牌：${said}，请核对 client_id、client_secret 和店铺 ID`, code, said);
}
