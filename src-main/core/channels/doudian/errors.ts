// 抖店 envelope codes → ChannelError kinds. Pure and table-tested: the poller and the outbox only ever
// see the kind, the owner sees the Chinese message naming what 抖店 said.
import { ChannelError, banSecondsFrom } from '../errors.js';

export interface DoudianEnvelope {
  code: number;
  msg: string;
  sub_code: string;
  sub_msg: string;
  log_id: string;
  data: unknown;
}

/** 60000 names no duration; wait this long before the next call. */
export const DEFAULT_BACKOFF_MS = 2_000;

/** coupons.syncV2 `000008 请求已处理`: the cards were synced before. */
export function isAlreadyProcessed(env: DoudianEnvelope): boolean {
  return env.code === 50002 && /:0*8$/.test(env.sub_code);
}

/** The access token is gone or expired: refreshing it may fix the call. */
export function isTokenProblem(env: DoudianEnvelope): boolean {
  return /access-token-(expired|no-existed|invalid|missing)/.test(env.sub_code);
}

/** order.orderDetail for an order this shop does not have (20045). */
export function isUnknownOrder(env: DoudianEnvelope): boolean {
  return env.code === 40004 && env.sub_code.endsWith(':20045');
}

export function doudianError(env: DoudianEnvelope): ChannelError {
  const said = env.sub_msg || env.msg;
  const details = { platformCode: env.code, platformMessage: `${env.sub_code} ${said}`.trim() };
  const err = (kind: ChannelError['kind'], text: string, extra: { retryAfterMs?: number } = {}) =>
    new ChannelError(kind, `${text}：${said}（抖店 ${env.code}${env.sub_code ? ` ${env.sub_code}` : ''}）`, { ...details, ...extra });

  switch (env.code) {
    case 20000:
    case 20001:
      return err('retry', '抖店服务暂时不可用');
    case 30001:
      return /authorization/.test(env.sub_code) ? err('reauth', '抖店店铺授权已失效，请重新授权') : err('give_up', '应用没有调用该接口的权限');
    case 30002:
      return err('give_up', '抖店拒绝了本机 IP（请在开放平台配置 IP 白名单）');
    case 40001:
    case 40003:
      if (isTokenProblem(env)) return err('reauth', '抖店访问令牌无效或已过期');
      if (/signature/.test(env.sub_code)) return err('bad_signature', '抖店签名校验失败，请检查 App Secret 是否填对');
      if (/app-id/.test(env.sub_code)) return err('give_up', '抖店不认识这个 App Key');
      if (/timestamp/.test(env.sub_code)) return err('give_up', '抖店拒绝了请求时间（请校准电脑时间）');
      return err('give_up', '抖店认为请求参数不合法');
    case 40002:
    case 40004:
      return err('give_up', '抖店认为请求参数不合法');
    case 50001:
      return /token-generate-failed/.test(env.sub_code) ? err('reauth', '抖店无法发放访问令牌，请重新授权') : err('retry', '抖店平台处理失败');
    case 50002:
      // 030004 系统繁忙 / 010013 并发请求 are transient even though they come as business failures.
      if (/:(030004|010013)$/.test(env.sub_code)) return err('retry', '抖店系统繁忙');
      return err('give_up', '抖店拒绝了这次操作');
    case 60000:
      return err('backoff', '抖店限流', { retryAfterMs: banSecondsFrom(said) ?? DEFAULT_BACKOFF_MS });
    case 70000:
      return err('give_up', '抖店接口已下线');
    case 80000:
      return err('give_up', '抖店风控拦截');
    default:
      return err('give_up', '抖店返回错误');
  }
}
