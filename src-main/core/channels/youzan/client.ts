// Calls to 有赞云: `POST <endpoint>/api/{api}/{version}?access_token=…` with a JSON body, and the token
// from `POST <endpoint>/auth/token` (自用型 app: authorize_type `silent`, grant_id = kdt_id). A session
// lives for one adapter operation: it refreshes an expiring token before the first call, and refreshes
// once more (then retries that call once) when 有赞 says the token is expired or unknown.
import { ChannelError, parseJson, platformCodeOf } from '../errors.js';
import { isLocalSandbox } from '../delivery.js';
import { httpStatusError } from '../http.js';
import { isObject, type JsonObject } from '../json.js';
import type { ChannelContext, HttpResponse, ShopCredentials } from '../types.js';
import { TOKEN_CODES, tokenRefusal, youzanError } from './errors.js';

export const YOUZAN_TITLE = '有赞';
export const YOUZAN_GATEWAY = 'https://open.youzanyun.com';

/** Refresh this long before 有赞's stated expiry, so a call never races the deadline. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type YouzanObject = JsonObject;

function answerOf(res: HttpResponse): unknown {
  const statusError = httpStatusError(res.status, YOUZAN_TITLE);
  if (statusError) throw statusError;
  return parseJson(res.text, YOUZAN_TITLE);
}

/** The payload of a successful answer; any of 有赞's error shapes becomes a ChannelError. */
export function unwrap(body: unknown, httpStatus: number): unknown {
  if (!isObject(body)) throw new ChannelError('bad_response', '有赞返回的不是 JSON 对象');
  const gateway = body.gw_err_resp;
  if (isObject(gateway)) throw youzanError(gateway.err_code, gateway.err_msg);
  const legacy = body.error_response;
  if (isObject(legacy)) throw youzanError(legacy.code, legacy.msg);
  if (body.success === false || (body.code !== undefined && Number(body.code) !== 200)) throw youzanError(body.code, body.message);
  if ('data' in body) return body.data;
  if ('response' in body) return body.response;
  if (httpStatus >= 400) throw new ChannelError('give_up', `有赞接口地址不对或拒绝了请求（HTTP ${httpStatus}）`, { httpStatus });
  throw new ChannelError('bad_response', '有赞的回应里没有 data', { platformMessage: JSON.stringify(body).slice(0, 200) });
}

export class YouzanSession {
  #creds: ShopCredentials;
  #refreshed = false;

  constructor(private readonly ctx: ChannelContext) {
    this.#creds = ctx.creds;
  }

  get #base(): string {
    return (this.#creds.endpoint ?? YOUZAN_GATEWAY).replace(/\/+$/, '');
  }

  /** True when calls go to KeyDesk's local sandbox (see isLocalSandbox). */
  get localSandbox(): boolean {
    return isLocalSandbox(this.#creds.endpoint);
  }

  async call(api: string, version: string, params: YouzanObject): Promise<unknown> {
    const { accessToken, tokenExpiresAt } = this.#creds;
    if (!accessToken || (tokenExpiresAt !== undefined && tokenExpiresAt - REFRESH_MARGIN_MS <= this.ctx.now())) await this.refresh();
    try {
      return await this.#post(api, version, params);
    } catch (err) {
      const code = platformCodeOf(err);
      if (this.#refreshed || code === undefined || !TOKEN_CODES.has(code)) throw err;
      await this.refresh();
      return await this.#post(api, version, params);
    }
  }

  /** A new token from /auth/token, saved with the shop's credentials. */
  async refresh(): Promise<void> {
    const creds = this.#creds;
    if (!creds.shopRef) throw new ChannelError('reauth', '缺少有赞店铺 ID（kdt_id），无法获取令牌，请补全店铺凭证');
    this.#refreshed = true;
    const res = await this.ctx.http({
      method: 'POST',
      url: `${this.#base}/auth/token`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: creds.appKey,
        client_secret: creds.appSecret,
        authorize_type: 'silent',
        grant_id: creds.shopRef,
        refresh: true,
      }),
    });
    const body = answerOf(res);
    const data = isObject(body) && body.success === true ? body.data : undefined;
    if (!isObject(data) || typeof data.access_token !== 'string' || data.access_token === '') {
      if (isObject(body) && body.success === false) throw tokenRefusal(body.code, body.message);
      throw new ChannelError('bad_response', '有赞发放令牌的回应里没有 access_token');
    }
    const expires = Number(data.expires);
    // `expires` is epoch ms; tolerate seconds should 有赞 ever send them.
    const tokenExpiresAt = Number.isFinite(expires) && expires > 0 ? (expires < 1e12 ? expires * 1000 : expires) : undefined;
    const next: ShopCredentials = { ...creds, accessToken: data.access_token };
    if (tokenExpiresAt === undefined) delete next.tokenExpiresAt;
    else next.tokenExpiresAt = tokenExpiresAt;
    this.#creds = next;
    this.ctx.saveCreds(next);
  }

  async #post(api: string, version: string, params: YouzanObject): Promise<unknown> {
    const token = encodeURIComponent(this.#creds.accessToken ?? '');
    const res = await this.ctx.http({
      method: 'POST',
      url: `${this.#base}/api/${api}/${version}?access_token=${token}`,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify(params),
    });
    return unwrap(answerOf(res), res.status);
  }
}
