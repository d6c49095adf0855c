// 微店 calls: a client_credential token from `GET <base>/token`, then `<base>/api?public=<json>&param=<json>`.
// 微店 has no request signature — the token is the only credential on a call — so the token and its
// expiry are checked before every call and a token error gets one new token and one retry.
import { ChannelError, parseJson } from '../errors.js';
import { httpStatusError } from '../http.js';
import { isObject } from '../json.js';
import type { ChannelContext, HttpResponse, ShopCredentials } from '../types.js';
import { WD_CODES, WD_TOKEN_CODES, weidianChannelError, type WeidianStatus } from './errors.js';

export const WD_TITLE = '微店';
export const WD_DEFAULT_ENDPOINT = 'https://api.vdian.com';
/** A token this close to its expiry is replaced before use, so a call never races the deadline. */
export const TOKEN_MARGIN_MS = 5 * 60_000;

export class WeidianCallError extends ChannelError {
  constructor(readonly status: WeidianStatus) {
    const mapped = weidianChannelError(status);
    super(mapped.kind, mapped.message, mapped.details);
  }

  private get code(): number {
    return Number(this.status.status_code);
  }

  get tokenProblem(): boolean {
    return WD_TOKEN_CODES.has(this.code);
  }

  get alreadyShipped(): boolean {
    return this.code === WD_CODES.alreadyShipped;
  }

  get orderMissing(): boolean {
    return this.code === WD_CODES.orderMissing;
  }
}

function base(creds: ShopCredentials): string {
  return (creds.endpoint ?? WD_DEFAULT_ENDPOINT).replace(/\/+$/, '');
}

/** Status check shared by the token endpoint and API calls; returns `result`. */
function unwrap(res: HttpResponse): unknown {
  const statusError = httpStatusError(res.status, WD_TITLE);
  if (statusError) throw statusError;
  const body = parseJson(res.text, WD_TITLE);
  const status = isObject(body) && isObject(body.status) ? body.status : undefined;
  if (!status) {
    if (res.status !== 200) throw new ChannelError('give_up', `${WD_TITLE}拒绝了请求（HTTP ${res.status}）`, { httpStatus: res.status });
    throw new ChannelError('bad_response', `${WD_TITLE}的回应缺少 status`, { platformMessage: res.text.slice(0, 200) });
  }
  if (Number(status.status_code) !== WD_CODES.ok) throw new WeidianCallError(status);
  return (body as Record<string, unknown>).result;
}

/** A new client_credential token, saved with its expiry. Also the adapter's `refreshToken`. */
export async function fetchWeidianToken(ctx: ChannelContext): Promise<void> {
  const { creds } = ctx;
  const query = new URLSearchParams({ grant_type: 'client_credential', appkey: creds.appKey, secret: creds.appSecret });
  const result = unwrap(await ctx.http({ method: 'GET', url: `${base(creds)}/token?${query.toString()}` }));
  const token = isObject(result) && typeof result.access_token === 'string' ? result.access_token : '';
  const expireIn = isObject(result) ? Number(result.expire_in) : NaN;
  if (!token || !Number.isFinite(expireIn) || expireIn <= 0) {
    throw new ChannelError('bad_response', `${WD_TITLE}发放令牌的回应缺少 access_token 或 expire_in`);
  }
  const next: ShopCredentials = { ...ctx.creds, accessToken: token, tokenExpiresAt: ctx.now() + expireIn * 1000 };
  ctx.creds = next;
  ctx.saveCreds(next);
}

function tokenUsable(creds: ShopCredentials, now: number): boolean {
  return !!creds.accessToken && creds.tokenExpiresAt !== undefined && creds.tokenExpiresAt - now > TOKEN_MARGIN_MS;
}

export interface WeidianCall {
  method: string;
  param: Record<string, unknown>;
  version?: string;
  /** POST (form body) for writes whose parameters may be long; GET otherwise. */
  post?: boolean;
}

async function callOnce(ctx: ChannelContext, call: WeidianCall): Promise<unknown> {
  const pub = JSON.stringify({ method: call.method, access_token: ctx.creds.accessToken, version: call.version ?? '1.0', format: 'json' });
  const param = JSON.stringify(call.param);
  const url = `${base(ctx.creds)}/api`;
  if (call.post) {
    const body = new URLSearchParams({ public: pub, param }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    return unwrap(await ctx.http({ method: 'POST', url, headers, body }));
  }
  // Percent-encoded (`%20`, not `+`): the update_start / update_end strings contain a space.
  const res = await ctx.http({ method: 'GET', url: `${url}?public=${encodeURIComponent(pub)}&param=${encodeURIComponent(param)}` });
  return unwrap(res);
}

/** One API call with a usable token; a token error fetches a new one and retries once. */
export async function weidianCall(ctx: ChannelContext, call: WeidianCall): Promise<unknown> {
  if (!tokenUsable(ctx.creds, ctx.now())) await fetchWeidianToken(ctx);
  try {
    return await callOnce(ctx, call);
  } catch (err) {
    if (!(err instanceof WeidianCallError) || !err.tokenProblem) throw err;
  }
  await fetchWeidianToken(ctx);
  return callOnce(ctx, call);
}
