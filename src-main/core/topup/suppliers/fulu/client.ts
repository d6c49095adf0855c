// One signed call to the 福禄 gateway through ctx.http, and the reading of its reply: the envelope, the
// reply signature over `result`, then `result` itself. Nothing here decides what a code means for the
// caller beyond the error table (duplicate / unknown order are the callers' business).
import { ChannelError, parseJson } from '../../../channels/errors.js';
import { httpStatusError } from '../../../channels/http.js';
import { isObject } from '../../../channels/json.js';
import { formatGmt8 } from '../../../channels/units.js';
import { sameHex } from '../../../channels/verify.js';
import type { SupplierContext, SupplierCredentials } from '../types.js';
import { TITLE, fuluError, type FuluEnvelope } from './errors.js';
import { signParams, signReply } from './sign.js';

export const DEFAULT_ENDPOINT = 'https://openapi.fulu.com/api/getway';
const GATEWAY_PATH = '/api/getway';

/**
 * The gateway URL: the endpoint as given when it ends in `/api/getway` (sic), else that path appended,
 * so `https://pre-openapi.fulu.com` and the sandbox's `<url>/supplier` both work.
 */
export function gatewayUrl(creds: SupplierCredentials): string {
  const base = (creds.endpoint?.trim() || DEFAULT_ENDPOINT).replace(/\/+$/, '');
  return base.endsWith(GATEWAY_PATH) ? base : `${base}${GATEWAY_PATH}`;
}

/** The signed request body for one method call. */
export function requestBody(creds: SupplierCredentials, method: string, biz: object, now: number): string {
  const params: Record<string, string> = {
    app_key: creds.appKey,
    method,
    timestamp: formatGmt8(now),
    version: '2.0',
    format: 'json',
    charset: 'utf-8',
    sign_type: 'md5',
    app_auth_token: creds.appAuthToken ?? '',
    biz_content: JSON.stringify(biz),
  };
  return JSON.stringify({ ...params, sign: signParams(params, creds.appSecret) });
}

function toEnvelope(value: unknown): FuluEnvelope | undefined {
  if (!isObject(value)) return undefined;
  const code = typeof value.code === 'number' ? value.code : typeof value.code === 'string' && /^-?\d+$/.test(value.code) ? Number(value.code) : undefined;
  if (code === undefined) return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  if (value.result !== undefined && value.result !== null && typeof value.result !== 'string') return undefined;
  return { code, message: str(value.message), result: str(value.result), sign: str(value.sign) };
}

/** One call; answers the envelope whatever its code. Transport trouble is thrown as its ChannelError. */
export async function rawCall(ctx: SupplierContext, method: string, biz: object): Promise<FuluEnvelope> {
  const res = await ctx.http({
    method: 'POST',
    url: gatewayUrl(ctx.creds),
    headers: { 'content-type': 'application/json;charset=utf-8', accept: 'application/json' },
    body: requestBody(ctx.creds, method, biz, ctx.now()),
  });
  if (res.status !== 200) {
    let env: FuluEnvelope | undefined;
    try {
      env = toEnvelope(JSON.parse(res.text));
    } catch {
      env = undefined;
    }
    if (env && env.code !== 0) return env;
    throw httpStatusError(res.status, TITLE) ?? new ChannelError('give_up', `福禄拒绝了请求（HTTP ${res.status}）`, { httpStatus: res.status });
  }
  const env = toEnvelope(parseJson(res.text, TITLE));
  if (!env) throw new ChannelError('bad_response', '福禄返回的数据不是开放平台格式', { platformMessage: res.text.slice(0, 200) });
  return env;
}

/**
 * The parsed `result` of a successful reply, after checking the reply signature. A reply that does not
 * verify is `bad_signature`: it may be forged or altered, so the caller treats the outcome as unknown and
 * reconciles with a fresh order query. Error replies are not verified (福禄 cannot sign for an AppKey it
 * does not know), which is safe: an error reply never makes the desk believe something was bought.
 */
export function resultOf(ctx: SupplierContext, env: FuluEnvelope, what: string): unknown {
  if (env.code !== 0) throw fuluError(env);
  if (!env.sign || !sameHex(env.sign, signReply(env.result, ctx.creds.appSecret))) {
    throw new ChannelError('bad_signature', `供应商回复的签名校验失败（${what}）：回复可能被篡改或 AppSecret 不对，这次结果按「未知」处理，稍后重新查询`, {
      platformCode: env.code,
    });
  }
  try {
    return JSON.parse(env.result) as unknown;
  } catch {
    throw new ChannelError('bad_response', `福禄返回的${what}数据不是 JSON`, { platformMessage: env.result.slice(0, 200) });
  }
}

/** A call whose success is all the caller wants: the verified, parsed result. */
export async function call(ctx: SupplierContext, method: string, biz: object, what: string): Promise<unknown> {
  return resultOf(ctx, await rawCall(ctx, method, biz), what);
}
