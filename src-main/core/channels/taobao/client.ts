// One signed TOP call: system parameters, hmac-sha256 signature, form POST to `<endpoint>/router/rest`,
// and the answer unwrapped from `<method>_response` or turned into a typed ChannelError.
import { ChannelError, parseJson } from '../errors.js';
import { httpStatusError } from '../http.js';
import { isObject } from '../json.js';
import type { ChannelContext } from '../types.js';
import { formatGmt8 } from '../units.js';
import { topError, type TopErrorBody } from './errors.js';
import { quoteLongIds } from './format.js';
import { topSign } from './sign.js';

export const TAOBAO_TITLE = '淘宝';
export const TAOBAO_GATEWAY = 'https://eco.taobao.com';

export type TopParams = Record<string, string | number | boolean | undefined>;
export type TopObject = Record<string, unknown>;

/** `taobao.trades.sold.increment.get` → `trades_sold_increment_get_response`. */
export const responseKey = (method: string): string => `${method.replace(/^taobao\./, '').replaceAll('.', '_')}_response`;

export async function callTop(ctx: ChannelContext, method: string, business: TopParams): Promise<TopObject> {
  const { creds } = ctx;
  const now = ctx.now();
  if (!creds.accessToken) throw new ChannelError('reauth', '还没有淘宝授权（SessionKey），请先授权店铺');
  // 淘宝 has no refresh: an expired session can only be renewed by the seller authorising again.
  if (creds.tokenExpiresAt !== undefined && creds.tokenExpiresAt <= now) {
    throw new ChannelError('reauth', '淘宝授权（SessionKey）已过期，请重新授权店铺');
  }
  const params: Record<string, string> = {
    method,
    app_key: creds.appKey,
    session: creds.accessToken,
    timestamp: formatGmt8(now),
    format: 'json',
    v: '2.0',
    sign_method: 'hmac-sha256',
  };
  for (const [key, value] of Object.entries(business)) if (value !== undefined) params[key] = String(value);
  params.sign = topSign(params, creds.appSecret, 'hmac-sha256');

  const base = (creds.endpoint ?? TAOBAO_GATEWAY).replace(/\/+$/, '');
  const res = await ctx.http({
    method: 'POST',
    url: `${base}/router/rest`,
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
  const statusError = httpStatusError(res.status, TAOBAO_TITLE);
  if (statusError) throw statusError;
  const body = parseJson(quoteLongIds(res.text), TAOBAO_TITLE);
  if (isObject(body) && isObject(body.error_response)) throw topError(body.error_response as TopErrorBody);
  const answer = isObject(body) ? body[responseKey(method)] : undefined;
  if (isObject(answer)) return answer;
  if (res.status >= 400) throw new ChannelError('give_up', `淘宝网关地址不对或拒绝了请求（HTTP ${res.status}）`, { httpStatus: res.status });
  throw new ChannelError('bad_response', `淘宝的回应里没有 ${responseKey(method)}`, { platformMessage: res.text.slice(0, 200) });
}
