// One signed call to the 拼多多 gateway (`POST <base>/api/router`, JSON), its error mapping, and the
// token refresh that a 10019 answer triggers (once per call).
import { ChannelError, parseJson } from '../errors.js';
import { httpStatusError } from '../http.js';
import { isObject } from '../json.js';
import type { ChannelContext, ShopCredentials } from '../types.js';
import { toUnixSeconds } from '../units.js';
import { PDD_CODES, isAlreadyNotified, isAlreadyShipped, isOrderMissing, pddChannelError, type PddErrorBody } from './errors.js';
import { pddSign, withoutNulls, type PddParams } from './sign.js';

export const PDD_TITLE = '拼多多';
export const PDD_DEFAULT_ENDPOINT = 'https://gw-api.pinduoduo.com';

/** Thrown by `pddCall` for an error_response, keeping the raw body for callers that treat some as success. */
export class PddCallError extends ChannelError {
  constructor(readonly body: PddErrorBody) {
    const mapped = pddChannelError(body);
    super(mapped.kind, mapped.message, mapped.details);
  }

  get alreadyShipped(): boolean {
    return isAlreadyShipped(this.body);
  }

  get alreadyNotified(): boolean {
    return isAlreadyNotified(this.body);
  }

  get orderMissing(): boolean {
    return isOrderMissing(this.body);
  }

  get tokenExpired(): boolean {
    return Number(this.body.error_code) === PDD_CODES.tokenExpired;
  }
}

function routerUrl(creds: ShopCredentials): string {
  return `${(creds.endpoint ?? PDD_DEFAULT_ENDPOINT).replace(/\/+$/, '')}/api/router`;
}

/**
 * Signs and posts one API call; returns the object under `rootKey` (e.g. `order_sn_increment_get_response`).
 * `withToken: false` is for the token refresh, which carries the refresh_token instead.
 */
export async function pddCall(
  ctx: ChannelContext,
  type: string,
  rootKey: string,
  business: PddParams,
  options: { withToken?: boolean } = {},
): Promise<Record<string, unknown>> {
  const { creds } = ctx;
  const withToken = options.withToken ?? true;
  if (withToken && !creds.accessToken) {
    throw new ChannelError('reauth', '拼多多店铺还没有授权令牌（access_token），请先完成店铺授权');
  }
  const params = withoutNulls({
    ...business,
    type,
    client_id: creds.appKey,
    ...(withToken && { access_token: creds.accessToken }),
    timestamp: String(toUnixSeconds(ctx.now())),
    data_type: 'JSON',
  });
  params.sign = pddSign(params, creds.appSecret);

  const res = await ctx.http({
    method: 'POST',
    url: routerUrl(creds),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(params),
  });
  const statusError = httpStatusError(res.status, PDD_TITLE);
  if (statusError) throw statusError;
  const body = parseJson(res.text, PDD_TITLE);
  if (isObject(body) && isObject(body.error_response)) throw new PddCallError(body.error_response);
  if (res.status !== 200) {
    throw new ChannelError('give_up', `${PDD_TITLE}拒绝了请求（HTTP ${res.status}）`, { httpStatus: res.status });
  }
  const root = isObject(body) ? body[rootKey] : undefined;
  if (!isObject(root)) {
    throw new ChannelError('bad_response', `${PDD_TITLE}的回应缺少 ${rootKey}`, { platformMessage: res.text.slice(0, 200) });
  }
  return root;
}

/** `pdd.pop.auth.token.refresh`: new access/refresh token, saved in the shop's sealed credentials. */
export async function refreshPddToken(ctx: ChannelContext): Promise<void> {
  const { refreshToken } = ctx.creds;
  if (!refreshToken) {
    throw new ChannelError('reauth', '拼多多授权已过期，且没有 refresh_token 可以续期，请在拼多多重新授权店铺');
  }
  let root: Record<string, unknown>;
  try {
    root = await pddCall(ctx, 'pdd.pop.auth.token.refresh', 'pop_auth_token_refresh_response', { refresh_token: refreshToken }, { withToken: false });
  } catch (err) {
    // A refused refresh means the owner must authorise again, whatever code the gateway used.
    if (err instanceof PddCallError && err.kind !== 'backoff') {
      throw new ChannelError('reauth', `拼多多令牌续期失败，请在拼多多重新授权店铺：${err.details.platformMessage ?? err.message}`, err.details);
    }
    throw err;
  }
  const accessToken = typeof root.access_token === 'string' ? root.access_token : '';
  if (!accessToken) throw new ChannelError('bad_response', '拼多多续期令牌的回应里没有 access_token');
  const expiresAt = Number(root.expires_at);
  const expiresIn = Number(root.expires_in);
  const next: ShopCredentials = {
    ...ctx.creds,
    accessToken,
    ...(typeof root.refresh_token === 'string' && root.refresh_token !== '' && { refreshToken: root.refresh_token }),
  };
  if (Number.isFinite(expiresAt) && expiresAt > 0) next.tokenExpiresAt = expiresAt * 1000;
  else if (Number.isFinite(expiresIn) && expiresIn > 0) next.tokenExpiresAt = ctx.now() + expiresIn * 1000;
  else delete next.tokenExpiresAt;
  ctx.creds = next;
  ctx.saveCreds(next);
}

/** A call that refreshes the token and retries once when the gateway says it expired (10019). */
export async function pddCallFresh(
  ctx: ChannelContext,
  type: string,
  rootKey: string,
  business: PddParams,
): Promise<Record<string, unknown>> {
  try {
    return await pddCall(ctx, type, rootKey, business);
  } catch (err) {
    if (!(err instanceof PddCallError) || !err.tokenExpired || !ctx.creds.refreshToken) throw err;
  }
  await refreshPddToken(ctx);
  return pddCall(ctx, type, rootKey, business);
}
