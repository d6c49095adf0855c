// One signed request to the merchant site's pull API. A fresh event id and timestamp per attempt; every
// HTTP call goes through ctx.http.
import { randomUUID } from 'node:crypto';
import { ChannelError, parseJson } from '../errors.js';
import { httpStatusError } from '../http.js';
import type { ChannelContext } from '../types.js';
import { retryAfterMs, siteError } from './errors.js';
import { HEADERS, signRequest } from './sign.js';

export const TITLE = '独立站';

function errorBody(text: string): { code: string; message: string } | undefined {
  try {
    const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (e && typeof e === 'object') return { code: typeof e.code === 'string' ? e.code : '', message: typeof e.message === 'string' ? e.message : '' };
  } catch {
    // not JSON: handled by the caller
  }
  return undefined;
}

export async function siteCall(ctx: ChannelContext, method: 'GET' | 'POST', target: string, body?: object, extraHeaders: Record<string, string> = {}): Promise<unknown> {
  const base = ctx.creds.endpoint?.replace(/\/+$/, '');
  if (!base) throw new ChannelError('give_up', '请先填写独立站的 API 根地址');
  const raw = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(ctx.now());
  const eventId = `kd_${randomUUID()}`;
  const signature = signRequest(ctx.creds.appSecret, { timestamp, eventId, method, target, body: raw });
  const res = await ctx.http({
    method,
    url: `${base}${target}`,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      [HEADERS.appKey]: ctx.creds.appKey,
      [HEADERS.timestamp]: timestamp,
      [HEADERS.eventId]: eventId,
      [HEADERS.signature]: signature,
      ...extraHeaders,
    },
    ...(body === undefined ? {} : { body: raw }),
  });
  if (res.status >= 200 && res.status < 300) return parseJson(res.text, TITLE);
  const e = errorBody(res.text);
  if (!e) {
    throw httpStatusError(res.status, TITLE) ?? siteError(res.status, '', res.text.slice(0, 200));
  }
  throw siteError(res.status, e.code, e.message, retryAfterMs(res.headers['retry-after'], ctx.now()));
}

/** `?a=1&b=2` in the given order, encoded the way the signature covers it. */
export function query(params: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `?${q.toString()}`;
}
