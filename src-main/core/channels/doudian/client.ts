// One signed 抖店 gateway call, with the token life cycle around it: a missing token is fetched, an
// expiring one refreshed ahead of time, and a call refused for an expired token is retried once after a
// refresh. Every HTTP request goes through ctx.http.
import { ChannelError, parseJson } from '../errors.js';
import { httpStatusError } from '../http.js';
import type { ChannelContext, ShopCredentials } from '../types.js';
import { doudianError, isTokenProblem, type DoudianEnvelope } from './errors.js';
import { paramJson, signRequest } from './sign.js';

export const DEFAULT_ENDPOINT = 'https://openapi-fxg.jinritemai.com';
export const TITLE = '抖店';
const REFRESH_AHEAD_MS = 5 * 60_000;

function toEnvelope(value: unknown): DoudianEnvelope | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const code = typeof v.code === 'number' ? v.code : typeof v.code === 'string' && /^\d+$/.test(v.code) ? Number(v.code) : undefined;
  if (code === undefined) return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x));
  return { code, msg: str(v.msg), sub_code: str(v.sub_code), sub_msg: str(v.sub_msg), log_id: str(v.log_id), data: v.data };
}

/** One signed call; answers the envelope whatever its code (the caller decides what a code means). */
export async function rawCall(ctx: ChannelContext, method: string, params: object, withToken: boolean): Promise<DoudianEnvelope> {
  const { creds } = ctx;
  const base = (creds.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const body = paramJson(params);
  const timestamp = String(Math.floor(ctx.now() / 1000));
  const sign = signRequest(creds.appSecret, { appKey: creds.appKey, method, paramJson: body, timestamp });
  const query = new URLSearchParams({ app_key: creds.appKey, method, timestamp, v: '2', sign, sign_method: 'hmac-sha256' });
  if (withToken && creds.accessToken) query.set('access_token', creds.accessToken);
  const res = await ctx.http({
    method: 'POST',
    url: `${base}/${method.split('.').join('/')}?${query.toString()}`,
    headers: { 'content-type': 'application/json;charset=utf-8', accept: 'application/json' },
    body,
  });
  if (res.status !== 200) {
    let env: DoudianEnvelope | undefined;
    try {
      env = toEnvelope(JSON.parse(res.text));
    } catch {
      env = undefined;
    }
    if (env) return env;
    throw httpStatusError(res.status, TITLE) ?? new ChannelError('give_up', `抖店拒绝了请求（HTTP ${res.status}）`, { httpStatus: res.status });
  }
  const env = toEnvelope(parseJson(res.text, TITLE));
  if (!env) throw new ChannelError('bad_response', '抖店返回的数据不是开放平台格式', { platformMessage: res.text.slice(0, 200) });
  return env;
}

/** The envelope's data when it succeeded, else the mapped error. */
export function dataOf(env: DoudianEnvelope): unknown {
  if (env.code !== 10000) throw doudianError(env);
  return env.data;
}

interface TokenData {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  shop_name?: unknown;
}

/**
 * New token: `token.refresh` when a refresh token is stored, else (or when the refresh token is dead)
 * `token.create` with the shop id, which is how a self-built app (自用型) is authorised. Saves the result.
 */
export async function renewToken(ctx: ChannelContext): Promise<{ shopName?: string }> {
  const { creds } = ctx;
  let env: DoudianEnvelope | undefined;
  if (creds.refreshToken) {
    env = await rawCall(ctx, 'token.refresh', { grant_type: 'refresh_token', refresh_token: creds.refreshToken }, false);
  }
  if ((!env || env.code !== 10000) && creds.shopRef) {
    env = await rawCall(ctx, 'token.create', { code: '', grant_type: 'authorization_self', shop_id: creds.shopRef }, false);
  }
  if (!env) throw new ChannelError('reauth', '抖店没有可用的访问令牌：请填写店铺 ID（自用型应用）或重新授权');
  const data = dataOf(env) as TokenData;
  if (typeof data?.access_token !== 'string' || data.access_token === '') {
    throw new ChannelError('bad_response', '抖店发放令牌的回应里没有 access_token');
  }
  const next: ShopCredentials = {
    ...creds,
    accessToken: data.access_token,
    ...(typeof data.refresh_token === 'string' && data.refresh_token !== '' && { refreshToken: data.refresh_token }),
    ...(typeof data.expires_in === 'number' && { tokenExpiresAt: ctx.now() + data.expires_in * 1000 }),
  };
  // Later calls in the same run must use the new token too.
  ctx.creds = next;
  ctx.saveCreds(next);
  return typeof data.shop_name === 'string' ? { shopName: data.shop_name } : {};
}

/** A business call: token ensured first, refreshed and retried once if 抖店 says it expired. */
export async function call(ctx: ChannelContext, method: string, params: object): Promise<DoudianEnvelope> {
  const { creds } = ctx;
  const expiring = creds.tokenExpiresAt !== undefined && ctx.now() >= creds.tokenExpiresAt - REFRESH_AHEAD_MS;
  if (!creds.accessToken || (expiring && (creds.refreshToken || creds.shopRef))) await renewToken(ctx);
  const env = await rawCall(ctx, method, params, true);
  if (env.code === 10000 || !isTokenProblem(env) || !(ctx.creds.refreshToken || ctx.creds.shopRef)) return env;
  await renewToken(ctx);
  return rawCall(ctx, method, params, true);
}
