// 微店 `status.status_code` → ChannelError. Token codes 10013/10016/10026 are confirmed by public ERP
// integrations (all three mean "get a new token"); the others are not published and are this project's
// reading of the gateway — keep them in this one table so a correction is a one-line change.
import { ChannelError, banSecondsFrom } from '../errors.js';

export const WD_CODES = {
  ok: 0,
  busy: 10001,
  badParam: 10002,
  noMethod: 10003,
  /** Token endpoint: appkey unknown or secret wrong. */
  badApp: 10004,
  tokenInvalid: 10013,
  tokenExpired: 10016,
  rateLimited: 10020,
  tokenMissing: 10026,
  orderMissing: 40001,
  alreadyShipped: 40002,
  cannotShip: 40003,
} as const;

export const WD_TOKEN_CODES: ReadonlySet<number> = new Set([WD_CODES.tokenInvalid, WD_CODES.tokenExpired, WD_CODES.tokenMissing]);

export const WD_DEFAULT_BACKOFF_MS = 1_000;

export interface WeidianStatus {
  status_code?: unknown;
  status_reason?: unknown;
}

const reasonOf = (s: WeidianStatus): string => (typeof s.status_reason === 'string' && s.status_reason ? s.status_reason : '未说明原因');

export function weidianChannelError(status: WeidianStatus): ChannelError {
  const code = Number(status.status_code);
  const said = reasonOf(status);
  const details = { platformCode: Number.isFinite(code) ? code : String(status.status_code), platformMessage: said };
  if (WD_TOKEN_CODES.has(code)) return new ChannelError('reauth', `微店令牌无效或已过期，需要重新获取：${said}`, details);
  switch (code) {
    case WD_CODES.busy:
      return new ChannelError('retry', `微店系统繁忙，稍后重试：${said}`, details);
    case WD_CODES.rateLimited:
      return new ChannelError('backoff', `微店限流，稍后再试：${said}`, { ...details, retryAfterMs: banSecondsFrom(said) ?? WD_DEFAULT_BACKOFF_MS });
    case WD_CODES.badApp:
      return new ChannelError('bad_signature', `微店不认这组 AppKey / AppSecret，请检查是否填写正确：${said}`, details);
    case WD_CODES.badParam:
    case WD_CODES.noMethod:
      return new ChannelError('give_up', `微店拒绝了请求参数：${said}`, details);
    case WD_CODES.orderMissing:
    case WD_CODES.alreadyShipped:
    case WD_CODES.cannotShip:
      return new ChannelError('give_up', `微店拒绝了这次操作：${said}`, details);
    default:
      return new ChannelError('give_up', `微店返回错误 ${details.platformCode}：${said}`, details);
  }
}
