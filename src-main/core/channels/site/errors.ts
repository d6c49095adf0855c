// 独立站 `{error:{code,message}}` + HTTP status → ChannelError kinds. Pure and table-tested.
import { ChannelError } from '../errors.js';

export const DEFAULT_BACKOFF_MS = 5_000;

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function siteError(status: number, code: string, message: string, retryAfter?: number): ChannelError {
  const said = message || code || `HTTP ${status}`;
  const details = { platformCode: code || status, platformMessage: said, httpStatus: status };
  const err = (kind: ChannelError['kind'], text: string, extra: { retryAfterMs?: number } = {}) =>
    new ChannelError(kind, `${text}：${said}（独立站 ${status}${code ? ` ${code}` : ''}）`, { ...details, ...extra });

  if (status === 429) return err('backoff', '独立站限流', { retryAfterMs: retryAfter ?? DEFAULT_BACKOFF_MS });
  if (status >= 500) return err('retry', '独立站服务器出错');
  if (status === 401) {
    if (code === 'stale_timestamp') return err('give_up', '独立站拒绝了请求时间（请校准电脑时间）');
    // A fresh event id is used on every attempt, so a replay verdict means our last attempt did land.
    if (code === 'replayed_request') return err('retry', '独立站认为请求重复');
    if (code === 'bad_signature') return err('bad_signature', '独立站签名校验失败，请检查签名密钥');
    return err('give_up', '独立站不认这个 App Key 或缺少签名，请检查店铺凭证');
  }
  if (status === 403) return err('give_up', '独立站拒绝访问');
  if (status === 404) return err('give_up', '独立站没有这个订单或接口');
  if (status === 409) return err('give_up', '独立站拒绝了这次操作');
  return err('give_up', '独立站认为请求不合法');
}
