// 拼多多 error_response → ChannelError. One table, so the poller and the delivery outbox see the same
// kind for the same platform answer. Codes confirmed from public SDKs: 10016, 10019, 20004, 52101–52103,
// 70031; 10000 (参数错误) and 50000 (业务服务错误, detail in sub_msg) are the gateway's generic codes.
import { ChannelError, banSecondsFrom } from '../errors.js';

export interface PddErrorBody {
  error_code?: unknown;
  error_msg?: unknown;
  sub_code?: unknown;
  sub_msg?: unknown;
}

export const PDD_CODES = {
  badParam: 10000,
  badClient: 10016,
  tokenExpired: 10019,
  badSign: 20004,
  business: 50000,
} as const;

/** Throttled / temporarily unavailable: wait, then call again. */
export const PDD_THROTTLE_CODES: ReadonlySet<number> = new Set([52101, 52102, 52103, 70031]);

/** When the platform names no ban length. Order increment allows 3,000 calls / 60 s, so 2 s is plenty. */
export const PDD_DEFAULT_BACKOFF_MS = 2_000;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** "error_msg（sub_msg）", the platform's own words for the owner. */
export function pddSaid(e: PddErrorBody): string {
  const msg = str(e.error_msg);
  const sub = str(e.sub_msg);
  if (!sub || sub === msg) return msg || '未说明原因';
  return msg ? `${msg}（${sub}）` : sub;
}

export function pddErrorCode(e: PddErrorBody): number {
  return Number(e.error_code);
}

/** A repeat `pdd.logistics.online.send`: the order is already shipped (treated as delivered). */
export function isAlreadyShipped(e: PddErrorBody): boolean {
  return pddErrorCode(e) === PDD_CODES.business && /已发货|重复发货|已经发货/.test(`${str(e.error_msg)} ${str(e.sub_msg)}`);
}

/**
 * A repeat `pdd.virtual.mobile.charge.notify`: the result was reported before (treated as delivered).
 * The wording is *unconfirmed*: the sandbox's "请勿重复通知"; an order already shipped counts too.
 */
export function isAlreadyNotified(e: PddErrorBody): boolean {
  return isAlreadyShipped(e) || (pddErrorCode(e) === PDD_CODES.business && /重复通知|已通知/.test(`${str(e.error_msg)} ${str(e.sub_msg)}`));
}

export function isOrderMissing(e: PddErrorBody): boolean {
  return pddErrorCode(e) === PDD_CODES.business && /订单不存在|查询不到订单/.test(`${str(e.error_msg)} ${str(e.sub_msg)}`);
}

export function pddChannelError(e: PddErrorBody): ChannelError {
  const code = pddErrorCode(e);
  const said = pddSaid(e);
  const details = { platformCode: Number.isFinite(code) ? code : str(e.error_code), platformMessage: said };
  if (PDD_THROTTLE_CODES.has(code)) {
    const retryAfterMs = banSecondsFrom(str(e.sub_msg)) ?? banSecondsFrom(str(e.error_msg)) ?? PDD_DEFAULT_BACKOFF_MS;
    return new ChannelError('backoff', `拼多多限流，稍后再试：${said}`, { ...details, retryAfterMs });
  }
  switch (code) {
    case PDD_CODES.tokenExpired:
      return new ChannelError('reauth', `拼多多授权已过期（access_token 失效），需要刷新令牌或重新授权：${said}`, details);
    case PDD_CODES.badClient:
      return new ChannelError('reauth', `拼多多不认这个 Client ID（应用已下线或填错），请检查店铺凭证：${said}`, details);
    case PDD_CODES.badSign:
      return new ChannelError('bad_signature', `拼多多签名验证失败，请检查 Client Secret 是否填写正确：${said}`, details);
    case PDD_CODES.badParam:
      if (/timestamp|时间戳/i.test(said)) {
        return new ChannelError('give_up', `电脑时间与拼多多相差太大，请校准系统时间后重试：${said}`, details);
      }
      return new ChannelError('give_up', `拼多多拒绝了请求参数：${said}`, details);
    case PDD_CODES.business:
      return new ChannelError('give_up', `拼多多拒绝了这次操作：${said}`, details);
    default:
      return new ChannelError('give_up', `拼多多返回错误 ${details.platformCode}：${said}`, details);
  }
}
