// The TOP gateway's checks on system parameters, in the order the real gateway reports them: method,
// app key, signature, timestamp (±10 min), version, format, then the seller's session.
import type { SimRequest, SimResponse } from '../../types.js';
import type { PlatformStore, SimShop } from '../store.js';
import { parseBeijing } from '../units.js';
import { expectedSign, isSignMethod, topError } from './protocol.js';

export const TIMESTAMP_TOLERANCE_MS = 10 * 60_000;

export interface TopCall {
  method: string;
  params: Record<string, string>;
  shop: SimShop;
}

/** System parameters may sit in the query string (as TOP SDKs send them) or in the form body. */
export function readParams(req: SimRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of req.query) params[key] = value;
  const type = String(req.headers['content-type'] ?? '');
  if (req.body.length > 0 && !type.includes('json') && !type.includes('multipart')) {
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) params[key] = value;
  }
  return params;
}

export function authenticate(
  params: Record<string, string>,
  store: PlatformStore,
  now: number,
  knownMethod: (method: string) => boolean,
): TopCall | SimResponse {
  const method = params.method;
  if (!method) return topError(21, 'Missing method');
  if (!params.app_key) return topError(28, 'Missing app key');
  const shop = store.shopByAppKey(params.app_key);
  if (!shop) return topError(29, 'Invalid app Key');
  const signMethod = params.sign_method || 'md5';
  if (!isSignMethod(signMethod)) {
    return topError(41, 'Invalid arguments:sign_method', { code: 'isv.invalid-parameter', msg: 'sign_method 只能是 md5、hmac 或 hmac-sha256' });
  }
  if (!params.sign) return topError(24, 'Missing signature');
  if (!params.timestamp) return topError(30, 'Missing timestamp');
  const timestamp = parseBeijing(params.timestamp);
  if (timestamp === undefined || Math.abs(timestamp - now) > TIMESTAMP_TOLERANCE_MS) {
    return topError(31, 'Invalid timestamp', { code: 'isv.invalid-timestamp', msg: '时间戳无效或与服务器时间相差超过 10 分钟' });
  }
  if (!params.v) return topError(32, 'Missing version');
  if (params.v !== '2.0') return topError(34, 'Unsupported version');
  if (params.format && params.format !== 'json') {
    return topError(23, 'Invalid format', { code: 'isv.invalid-format', msg: '沙箱只返回 json' });
  }
  if (params.sign.toUpperCase() !== expectedSign(params, shop.appSecret, signMethod)) return topError(25, 'Invalid signature');
  if (!knownMethod(method)) return topError(22, 'Invalid method');
  if (!params.session) return topError(26, 'Missing session');
  if (params.session !== shop.accessToken) {
    return topError(27, 'Invalid session', { code: 'invalid-sessionkey', msg: 'SessionKey 非法' });
  }
  if (shop.tokenExpiresAt <= now) {
    return topError(27, 'Invalid session', { code: 'session-expired', msg: 'SessionKey 已过期，需要卖家重新授权' });
  }
  return { method, params, shop };
}
